import { z } from 'zod';
import {
	clientSortKeys,
	filterFromSearchParams,
	type ClientFilter,
	type ClientSort
} from '../../schemas/client-filter';

export const PAGE_SIZE = 50;

const pagingSchema = z.object({
	sort: z.enum(clientSortKeys).catch('name'),
	dir: z.enum(['asc', 'desc']).catch('asc'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

/** The list page's state from its URL; a bad filter is reported and ignored rather than failing. */
export function listParams(url: URL): {
	filter: ClientFilter;
	filterError: string | null;
	sort: ClientSort;
	page: number;
} {
	const parsed = filterFromSearchParams(url.searchParams);
	const paging = pagingSchema.parse({
		sort: url.searchParams.get('sort') ?? undefined,
		dir: url.searchParams.get('dir') ?? undefined,
		page: url.searchParams.get('page') ?? undefined
	});
	return {
		filter: parsed.success ? parsed.data : {},
		filterError: parsed.success
			? null
			: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
		sort: { key: paging.sort, direction: paging.dir },
		page: paging.page
	};
}
