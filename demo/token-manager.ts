// The token manager panel: create (with a ttl), list (sort, paging), show and delete delegated upload tokens, through
// the dev server's /__dev/tokens routes, which hold the API key.
interface UploadTokenJson {
  token: string;
  ttl: number;
  createdAt: string;
  expiresAt?: string | null;
}

interface TokenPage {
  data: UploadTokenJson[];
  pagination: { currentPage?: number; pagesTotal?: number; itemsTotal?: number; pageSize?: number };
}

const ROUTES = '/__dev/tokens';

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${ROUTES}${path}`, init);
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
  if (!response.ok) throw new Error([body.title ?? `HTTP ${response.status}`, body.detail].filter(Boolean).join(' '));
  return body as T;
}

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

export class TokenManager {
  private page = 1;
  private pagesTotal = 1;

  constructor(private readonly root: HTMLElement) {
    this.form('tm-create').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.create();
    });
    this.form('tm-list-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.page = 1;
      void this.list();
    });
    this.button('tm-prev').addEventListener('click', () => this.turn(-1));
    this.button('tm-next').addEventListener('click', () => this.turn(1));
  }

  private element<T extends HTMLElement>(id: string): T {
    const found = this.root.querySelector<T>(`#${id}`);
    if (!found) throw new Error(`The token manager's markup lacks #${id}.`);
    return found;
  }
  private form = (id: string) => this.element<HTMLFormElement>(id);
  private button = (id: string) => this.element<HTMLButtonElement>(id);

  private status(text: string, isError = false): void {
    const line = this.element<HTMLParagraphElement>('tm-status');
    line.textContent = text;
    line.classList.toggle('error', isError);
  }

  /** Runs one operation; the table is `aria-busy` meanwhile, so assistive technology (and tests) know to wait. */
  private async attempt(what: string, work: () => Promise<void>): Promise<void> {
    const table = this.element<HTMLTableElement>('tm-table');
    table.setAttribute('aria-busy', 'true');
    try {
      await work();
    } catch (error) {
      this.status(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`, true);
    } finally {
      table.setAttribute('aria-busy', 'false');
    }
  }

  private turn(step: number): void {
    const next = this.page + step;
    if (next < 1 || next > this.pagesTotal) return;
    this.page = next;
    void this.list();
  }

  async create(): Promise<void> {
    await this.attempt('create a token', async () => {
      const raw = new FormData(this.form('tm-create')).get('ttl');
      const ttl = raw === null || raw === '' ? undefined : Number(raw);
      const token = await call<UploadTokenJson>('', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ttl === undefined ? {} : { ttl }),
      });
      this.status(`Created ${token.token} (ttl ${token.ttl} s).`);
      this.details(token);
      await this.list();
    });
  }

  async list(): Promise<void> {
    await this.attempt('list the tokens', async () => {
      const form = new FormData(this.form('tm-list-form'));
      const query = new URLSearchParams({
        sortBy: String(form.get('sortBy') ?? 'createdAt'),
        sortOrder: String(form.get('sortOrder') ?? 'desc'),
        pageSize: String(form.get('pageSize') ?? '10'),
        currentPage: String(this.page),
      });
      const page = await call<TokenPage>(`?${query}`);
      this.pagesTotal = Math.max(1, page.pagination.pagesTotal ?? 1);
      this.render(page);
    });
  }

  async show(token: string): Promise<void> {
    await this.attempt(`show ${token}`, async () => {
      this.details(await call<UploadTokenJson>(`/${encodeURIComponent(token)}`));
      this.status(`Showing ${token}.`);
    });
  }

  async remove(token: string): Promise<void> {
    await this.attempt(`delete ${token}`, async () => {
      await call<void>(`/${encodeURIComponent(token)}`, { method: 'DELETE' });
      this.status(`Deleted ${token}. An upload using it gets a new token from the token URL.`);
      await this.list();
    });
  }

  private details(token: UploadTokenJson): void {
    this.element<HTMLPreElement>('tm-details').textContent = JSON.stringify(token, null, 2);
  }

  private render(page: TokenPage): void {
    const body = this.element<HTMLTableSectionElement>('tm-rows');
    body.replaceChildren(
      ...page.data.map((token) => {
        const row = document.createElement('tr');
        row.dataset.token = token.token;
        const cells = [token.token, String(token.ttl), when(token.createdAt), when(token.expiresAt)].map((text) => {
          const cell = document.createElement('td');
          cell.textContent = text;
          return cell;
        });
        const actions = document.createElement('td');
        const show = document.createElement('button');
        show.type = 'button';
        show.textContent = 'Show';
        show.addEventListener('click', () => void this.show(token.token));
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = 'Delete';
        remove.addEventListener('click', () => void this.remove(token.token));
        show.setAttribute('aria-label', `Show ${token.token}`);
        remove.setAttribute('aria-label', `Delete ${token.token}`);
        actions.append(show, ' ', remove);
        row.append(...cells, actions);
        return row;
      }),
    );
    const total = page.pagination.itemsTotal ?? page.data.length;
    this.element('tm-page').textContent = `Page ${this.page} of ${this.pagesTotal}, ${total} token${total === 1 ? '' : 's'}`;
    this.button('tm-prev').disabled = this.page <= 1;
    this.button('tm-next').disabled = this.page >= this.pagesTotal;
  }
}
