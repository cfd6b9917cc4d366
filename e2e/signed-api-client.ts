import { signRequest, type AwsCredentials } from './sigv4';

export interface SignedResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface SignedClientOptions {
  /** e.g. the stack's ApiUrl output, `https://abc123.execute-api.eu-west-1.amazonaws.com/v1/` */
  baseUrl: string;
  /** Fresh credentials per request (SDK providers refresh them): e.g. an SDK client's `config.credentials`. */
  credentials: () => Promise<AwsCredentials>;
  /** @default the region in an execute-api host name */
  region?: string;
  /** @default 'execute-api' */
  service?: string;
  fetch?: typeof fetch;
}

/** Calls an IAM-authorised API (API Gateway, or any AWS JSON endpoint) with SigV4-signed requests. */
export class SignedApiClient {
  private readonly base: URL;
  private readonly region: string;

  constructor(private readonly options: SignedClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const region = options.region ?? /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(this.base.host)?.[1];
    if (!region) throw new Error(`Give the region: ${this.base.host} is not an execute-api host`);
    this.region = region;
  }

  /** `path` is relative to the base URL (`users/alice%40example.com`, `numbers?available=true`). */
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<SignedResponse> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const signed = await signRequest(
      { method, url, body: text, headers: { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers } },
      { region: this.region, service: this.options.service ?? 'execute-api', credentials: await this.options.credentials() },
    );
    // fetch sets Host itself from the URL (the same value we signed).
    const { host: _host, ...sent } = signed;
    const res = await (this.options.fetch ?? fetch)(url, { method, headers: sent, body: text });
    const raw = await res.text();
    let parsed: unknown = raw === '' ? undefined : raw;
    try {
      if (raw) parsed = JSON.parse(raw);
    } catch {
      // not JSON: keep the text (API Gateway's own errors are JSON; a proxy's may not be)
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
}
