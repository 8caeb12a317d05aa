/**
 * The first row a query gives, or undefined: what SQLite's `.get()` returned, on both engines
 * (PostgreSQL's builders have no `.get()`). A query that may match many rows says `.limit(1)`.
 */
export async function first<Row>(query: PromiseLike<Row[]>): Promise<Row | undefined> {
	return (await query)[0];
}
