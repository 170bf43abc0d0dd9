// The baseline of the socket benchmark: a bare Fastify route in its own process, as the app runs in its own.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => 'ok');
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`bare listening ${url}`);
