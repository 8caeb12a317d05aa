/** Where `npm run messages` compiles the message library for vitest (scripts/messages.ts). */
export const testMessagesDir = 'node_modules/.cache/paraglide-tests';
