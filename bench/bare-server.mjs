// The baseline for the count: node:http in its own process (as the service is), answering every
// request with the bytes and headers given in BARE_BODY and BARE_HEADERS. Prints its port.
import { createServer } from 'node:http';

const body = process.env.BARE_BODY ?? '';
const headers = JSON.parse(process.env.BARE_HEADERS ?? '{}');
const server = createServer((_req, res) => res.writeHead(200, headers).end(body));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
