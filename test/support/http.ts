import type { FastifyInstance } from 'fastify';

/**
 * A tiny browser for Fastify's inject: keeps cookies, and sends the CSRF token of the last page
 * it saw with each form, as a real browser submitting the page's form would.
 */
export class Agent {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: { headers: Record<string, unknown>; body: string }) {
    const set = res.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair, ...attrs] = String(line).split(';');
      const [name, ...rest] = pair!.split('=');
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), rest.join('='));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.remember(res);
    return res;
  }

  /** Posts a form; `_csrf` is taken from the last page unless the caller sets it. */
  async post(url: string, form: Record<string, string>, opts: { withCsrf?: boolean } = {}) {
    const body = new URLSearchParams({ ...(opts.withCsrf === false || !this.csrf ? {} : { _csrf: this.csrf }), ...form }).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.remember(res);
    return res;
  }

  async login(username: string, password: string) {
    await this.get('/login');
    return this.post('/login', { username, password });
  }
}
