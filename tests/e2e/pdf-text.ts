import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, as Mozilla's PDF.js reads it: what a printed report really holds. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
	const document = await getDocument({ data: pdf, useSystemFonts: false }).promise;
	const pages: string[] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const content = await (await document.getPage(number)).getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
				.join('')
		);
	}
	await document.destroy();
	return pages;
}
