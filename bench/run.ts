// `npm run bench`: every benchmark of the project, one after another.
await import('./startup.js');
console.log('');
await import('./http.js');
console.log('');
await import('./knows.js');
console.log('');
await import('./aliases.js');
console.log('');
await import('./mail.js');
