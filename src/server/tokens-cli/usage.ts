export const USAGE = `Usage: apivideo-tokens <command> [options]

Manage api.video delegated upload tokens.

Commands:
  create [--ttl N]            Create a token that lives N seconds (0 = never expires; default 0, as api.video)
  list                        List active tokens
      [--sort-by createdAt|ttl] [--sort-order asc|desc]
      [--page N] [--page-size N]   One page (page size 1-100, default 25)
      [--all]                      Every token, across all pages (--json: as one page of them all)
  show TOKEN                  Show one token
  delete TOKEN [--yes]        Delete a token (asks first on a terminal unless --yes)

Options:
  --api-key KEY     api.video API key (default: the APIVIDEO_API_KEY environment variable)
  --sandbox         Use api.video's sandbox (https://sandbox.api.video)
  --base-uri URL    Use another api.video-compatible server, e.g. the local emulator
  --json            Print api.video's JSON instead of a table
  -h, --help        Show this help

Exit codes: 0 done, 1 api.video refused or could not be reached, 2 usage error,
130 delete's question interrupted with Ctrl+C (nothing deleted).`;

export class UsageError extends Error {}
