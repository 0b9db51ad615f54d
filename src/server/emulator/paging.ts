/** api.video's list envelope: `{ data, pagination: { ..., links: [self, first, previous?, next?, last] } }`. */
export function paginate<T, J>(
  items: T[],
  currentPage: number,
  pageSize: number,
  listUrl: string,
  params: URLSearchParams,
  toJson: (item: T) => J,
) {
  const itemsTotal = items.length;
  const pagesTotal = Math.max(1, Math.ceil(itemsTotal / pageSize));
  const page = items.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  const link = (rel: string, n: number) => {
    const q = new URLSearchParams();
    for (const key of ['sortBy', 'sortOrder', 'title']) {
      const value = params.get(key);
      if (value) q.set(key, value);
    }
    q.set('currentPage', String(n));
    q.set('pageSize', String(pageSize));
    return { rel, uri: `${listUrl}?${q}` };
  };
  const links = [link('self', currentPage), link('first', 1)];
  if (currentPage > 1) links.push(link('previous', Math.min(currentPage - 1, pagesTotal)));
  if (currentPage < pagesTotal) links.push(link('next', currentPage + 1));
  links.push(link('last', pagesTotal));
  return {
    data: page.map(toJson),
    pagination: { currentPage, currentPageItems: page.length, pageSize, pagesTotal, itemsTotal, links },
  };
}
