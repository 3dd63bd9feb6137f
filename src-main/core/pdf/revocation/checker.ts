/**
 * The revocation checker the verifier calls: OCSP first (fresh, small), then the CRL
 * distribution points (a current cached CRL before downloading it again), then, when nothing
 * could be fetched or the checker is offline, whatever the cache still holds that is current.
 * Nothing current known: null, which the verifier reports as "unknown", never as good.
 *
 * Offline must cost nothing: a short connect timeout, and a host that could not be reached is
 * not tried again for a while (the re-check scheduler probes it and runs the checks again when
 * it answers).
 */
import type * as pkijs from 'pkijs';
import { revocationSources } from '../certificates';
import { ensureCryptoEngine } from '../cms';
import { issuedBy, issuerKeyHash, RevocationRefused, serialHex, sha256Hex } from './common';
import { checkCrl, crlDer, indirectDistributionPoint } from './crl';
import { canConnect, fetchLimited, hostKey, RevocationFetchError, type FetchRequest } from './http';
import { buildOcspRequest, checkOcspResponse } from './ocsp';
import { memoryRevocationStore, type CachedRevocation, type RevocationStore } from './store';
import type { RevocationContext, RevocationResult, RevocationSource } from './types';

export interface RevocationCheckerOptions {
  /** Where fetched CRLs and OCSP responses are kept for offline use; in memory when omitted. */
  store?: RevocationStore;
  /** Never touch the network; answer from the cache only. */
  offline?: boolean;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  maxCrlBytes?: number;
  maxOcspBytes?: number;
  /** A host that could not be reached is skipped for this long (the probe may clear it sooner). */
  unreachableRetryMs?: number;
  clockSkewMs?: number;
  now?: () => Date;
}

export const REVOCATION_DEFAULTS = {
  connectTimeoutMs: 2_000,
  timeoutMs: 8_000,
  maxCrlBytes: 20 * 1024 * 1024,
  maxOcspBytes: 256 * 1024,
  unreachableRetryMs: 60_000,
} as const;

function describe(url: string, error: unknown): string {
  if (error instanceof RevocationRefused) return `${url}: ${error.message}`;
  if (error instanceof Error) return error.message.startsWith(url) ? error.message : `${url}: ${error.message}`;
  return `${url}: ${String(error)}`;
}

export function createRevocationChecker(options: RevocationCheckerOptions = {}) {
  const store = options.store ?? memoryRevocationStore();
  const connectTimeoutMs = options.connectTimeoutMs ?? REVOCATION_DEFAULTS.connectTimeoutMs;
  const timeoutMs = options.timeoutMs ?? REVOCATION_DEFAULTS.timeoutMs;
  const maxCrlBytes = options.maxCrlBytes ?? REVOCATION_DEFAULTS.maxCrlBytes;
  const maxOcspBytes = options.maxOcspBytes ?? REVOCATION_DEFAULTS.maxOcspBytes;
  const retryMs = options.unreachableRetryMs ?? REVOCATION_DEFAULTS.unreachableRetryMs;
  const skew = options.clockSkewMs;
  let offline = options.offline ?? false;
  /** host:port → when it last could not be reached (wall clock). */
  const unreachable = new Map<string, number>();

  async function fetchFrom(request: FetchRequest, maxBytes: number): Promise<Buffer> {
    const host = hostKey(request.url);
    if (!host) throw new RevocationFetchError(`${request.url}: not an http(s) URL`, false);
    const failedAt = unreachable.get(host);
    if (failedAt !== undefined && Date.now() - failedAt < retryMs) {
      throw new RevocationFetchError(`${request.url}: ${host} could not be reached a moment ago`, true);
    }
    try {
      const body = await fetchLimited(request, { connectTimeoutMs, timeoutMs: Math.max(timeoutMs, 1), maxBytes });
      unreachable.delete(host);
      return body;
    } catch (error) {
      if (error instanceof RevocationFetchError && error.unreachable) unreachable.set(host, Date.now());
      throw error;
    }
  }

  /** A cache that cannot be written (disk full, closed) costs the cache, not the answer. */
  function keep(entry: CachedRevocation, problems: string[]): void {
    try {
      store.save(entry);
    } catch (error) {
      problems.push(`could not cache ${entry.sourceUrl}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function answer(
    facts: { status: 'good' | 'revoked'; revokedAt?: Date; thisUpdate: Date; nextUpdate: Date | null },
    source: RevocationSource,
    url: string,
    sha256: string,
    problems: string[],
  ): RevocationResult {
    return {
      status: facts.status,
      source,
      ...(facts.revokedAt ? { revokedAt: facts.revokedAt } : {}),
      evidence: {
        url,
        thisUpdate: facts.thisUpdate.toISOString(),
        nextUpdate: facts.nextUpdate?.toISOString() ?? null,
        sha256,
      },
      problems,
    };
  }

  async function check(
    cert: pkijs.Certificate,
    issuer: pkijs.Certificate | null,
    context?: RevocationContext,
  ): Promise<RevocationResult> {
    const problems: string[] = [];
    const unknown = (): RevocationResult => ({ status: null, source: null, problems });
    if (!issuer) {
      problems.push('the issuer certificate is not known');
      return unknown();
    }
    ensureCryptoEngine();
    if (!(await issuedBy(cert, issuer))) {
      problems.push('the certificate given as issuer did not issue this certificate');
      return unknown();
    }
    const now = context?.now ?? options.now?.() ?? new Date();
    const sources = revocationSources(cert);
    let crlUrls = sources.crl;
    if (indirectDistributionPoint(cert)) {
      problems.push('the certificate names an indirect CRL issuer (not supported)');
      crlUrls = [];
    }
    const ikh = issuerKeyHash(issuer);
    const serial = serialHex(cert);
    const crlCheck = { cert, issuer, now, urls: crlUrls, ...(skew !== undefined ? { clockSkewMs: skew } : {}) };

    const fromCachedCrl = async (rows: CachedRevocation[]): Promise<RevocationResult | null> => {
      for (const row of rows) {
        try {
          const facts = await checkCrl(row.bytes, crlCheck);
          return answer(facts, 'cache-crl', row.sourceUrl, row.sha256, problems);
        } catch (error) {
          problems.push(`cached ${describe(row.sourceUrl, error)}`);
        }
      }
      return null;
    };

    if (!offline) {
      for (const url of sources.ocsp) {
        try {
          const request = await buildOcspRequest(cert, issuer);
          const body = await fetchFrom(
            {
              url,
              method: 'POST',
              body: request.der,
              contentType: 'application/ocsp-request',
              accept: 'application/ocsp-response',
            },
            maxOcspBytes,
          );
          const facts = await checkOcspResponse(body, {
            cert,
            issuer,
            now,
            nonce: request.nonce,
            ...(skew !== undefined ? { clockSkewMs: skew } : {}),
          });
          if (facts.status === 'unknown') {
            problems.push(`${url}: the responder does not know this certificate`);
            continue;
          }
          const sha256 = sha256Hex(body);
          if (facts.nextUpdate) {
            keep(
              {
                kind: 'ocsp',
                sourceUrl: url,
                issuerKeyHash: ikh,
                serial,
                thisUpdate: facts.thisUpdate.toISOString(),
                nextUpdate: facts.nextUpdate.toISOString(),
                bytes: body,
                sha256,
                fetchedAt: new Date().toISOString(),
              },
              problems,
            );
          }
          return answer({ ...facts, status: facts.status }, 'ocsp', url, sha256, problems);
        } catch (error) {
          problems.push(describe(url, error));
        }
      }
      for (const url of crlUrls) {
        const cached = await fromCachedCrl(store.find('crl', ikh, '').filter((r) => r.sourceUrl === url));
        if (cached) return cached;
        try {
          const body = await fetchFrom(
            { url, method: 'GET', accept: 'application/pkix-crl, application/x-pkcs7-crl, */*' },
            maxCrlBytes,
          );
          const der = crlDer(body);
          const facts = await checkCrl(der, crlCheck);
          const sha256 = sha256Hex(der);
          keep(
            {
              kind: 'crl',
              sourceUrl: url,
              issuerKeyHash: ikh,
              serial: '',
              thisUpdate: facts.thisUpdate.toISOString(),
              nextUpdate: facts.nextUpdate.toISOString(),
              bytes: der,
              sha256,
              fetchedAt: new Date().toISOString(),
            },
            problems,
          );
          return answer(facts, 'crl', url, sha256, problems);
        } catch (error) {
          problems.push(describe(url, error));
        }
      }
    }

    // Nothing fetched: what the cache still holds that is current.
    for (const row of store.find('ocsp', ikh, serial)) {
      try {
        const facts = await checkOcspResponse(row.bytes, {
          cert,
          issuer,
          now,
          nonce: null,
          ...(skew !== undefined ? { clockSkewMs: skew } : {}),
        });
        if (facts.status !== 'unknown') {
          return answer({ ...facts, status: facts.status }, 'cache-ocsp', row.sourceUrl, row.sha256, problems);
        }
      } catch (error) {
        problems.push(`cached ${describe(row.sourceUrl, error)}`);
      }
    }
    const cachedCrl = await fromCachedCrl(store.find('crl', ikh, '').filter((r) => crlUrls.includes(r.sourceUrl)));
    if (cachedCrl) return cachedCrl;
    if (offline) problems.push('offline: nothing current in the cache');
    return unknown();
  }

  return {
    /** The callback for VerifyOptions.revocation. */
    check,
    isOffline: (): boolean => offline,
    setOffline(value: boolean): void {
      offline = value;
    },
    /** Hosts that could not be reached and have not answered since. */
    unreachableHosts: (): string[] => [...unreachable.keys()],
    /** The network is back: try every host again at once. */
    forgetUnreachable(): void {
      unreachable.clear();
    },
    /**
     * A cheap "is the network back?": a TCP connection to any host that could not be reached
     * before (none known: online). Offline mode: never.
     */
    async probe(): Promise<boolean> {
      if (offline) return false;
      const hosts = [...unreachable.keys()];
      if (hosts.length === 0) return true;
      const results = await Promise.all(hosts.map((h) => canConnect(h, connectTimeoutMs)));
      hosts.forEach((h, i) => {
        if (results[i]) unreachable.delete(h);
      });
      return results.some(Boolean);
    },
  };
}

export type RevocationChecker = ReturnType<typeof createRevocationChecker>;
