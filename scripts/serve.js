// Starts the built app (`npm start`) with the defaults Satisfy needs from adapter-node.

// CSV imports may be 20 MB; adapter-node refuses bodies over 512 KB unless told otherwise.
process.env.BODY_SIZE_LIMIT ??= '21M';

await import('../build/index.js');
