import { runAdmin } from '../src/lib/server/admin/cli';

process.exitCode = await runAdmin(process.argv.slice(2), {
	env: process.env,
	out: (line) => console.log(line),
	err: (line) => console.error(line)
});
