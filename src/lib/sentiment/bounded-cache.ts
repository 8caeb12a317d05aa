/**
 * A memo that forgets everything once full: word-level results (scores, stems, language votes)
 * repeat across texts, and a hard cap keeps a long-running import from growing without end.
 * A Map subclass, so `get` stays the native call.
 */
export class BoundedCache<K, V> extends Map<K, V> {
	constructor(private readonly capacity: number) {
		super();
	}

	override set(key: K, value: V): this {
		if (this.size >= this.capacity) this.clear();
		return super.set(key, value);
	}
}

export function boundedCache<K, V>(capacity: number): BoundedCache<K, V> {
	return new BoundedCache<K, V>(capacity);
}
