import { decodeUtf8File } from '../../utf8-file';
import { ApiError } from './errors';

/**
 * A request body as text, decoded as the import pages decode an uploaded file: strictly UTF-8,
 * refused with the same message (line, byte, how to save it) instead of garbling letters.
 */
export async function requestText(request: Request): Promise<string> {
	const decoded = decodeUtf8File(new Uint8Array(await request.arrayBuffer()));
	if (!decoded.ok) throw new ApiError(400, decoded.message);
	return decoded.text;
}
