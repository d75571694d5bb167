/**
 * Why the gateway aborted a request's upstream work: the caller went away (`client`), the
 * request's deadline passed (`deadline`), or the gateway is shutting down (`shutdown`).
 */
export type AbortReason = 'client' | 'deadline' | 'shutdown';
