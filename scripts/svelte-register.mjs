import { register } from 'node:module';

/*
 * Lets Node import `.svelte` files, which tsx cannot: the emails are Svelte components
 * (src/lib/server/mail/templates), and scripts reach them (the demo seed opens follow-up cases,
 * whose assignees are emailed). Every tsx run of project code loads this first:
 * `tsx --import ./scripts/svelte-register.mjs scripts/demo.ts`.
 */
register('./svelte-hooks.mjs', import.meta.url);
