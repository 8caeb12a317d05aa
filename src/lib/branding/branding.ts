/** How the company presents itself to its clients on respondent pages and in emails; the logo's bytes aside. */
export type Branding = {
	/** The company's name; "Satisfy" until the owner sets one. */
	name: string;
	/** `#rrggbb` (lowercase), or null for the default accent. */
	accentColour: string | null;
	/** When the logo last changed (its URL carries it, so caches refresh), or null without a logo. */
	logoVersion: number | null;
	/** The display name of invitations' sender (currentBranding: the company's name unless set). */
	senderName: string | null;
	replyTo: string | null;
	/** Plain lines: the company's address and whatever else a footer must say. */
	footer: string | null;
};

/** The logo's address on this site, naming its version so that caches keep it until it changes. */
export const logoPath = (logoVersion: number) => `/branding/logo?v=${logoVersion}`;

/** The stylesheet that sets the accent colour inside `.branded` (see accent.ts). */
export const accentStylesheetPath = (accentColour: string) =>
	`/branding/accent.css?colour=${accentColour.slice(1)}`;
