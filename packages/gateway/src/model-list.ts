import type { RoutingTable, Target } from '@switchyard/core';

/** One entry of `GET /v1/models`: OpenAI's model object plus what the name routes to. */
export type ModelListEntry = {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
  readonly switchyard:
    | { readonly type: 'auto' }
    | { readonly type: 'alias'; readonly targets: readonly string[] }
    | {
        readonly type: 'target';
        readonly backend: string;
        readonly kind: string;
        readonly model: string;
        readonly tier: number;
        readonly locality: string;
      };
};

/**
 * The model names a client may send, as OpenAI's model list: `auto` (the policies decide), every
 * routing-table alias (with its hops), then every target id (with its backend, model, tier and
 * locality). Premium name patterns are not listed: they are names of cloud models, not ids.
 *
 * @example
 * const list = modelList(router.targets, config.routingTable, startedAtSeconds);
 * list.data.map((entry) => entry.id); // ['auto', 'local/qwen2.5-14b', 'llamacpp-qwen2.5-14b-q4', …]
 */
export function modelList(
  targets: readonly Target[],
  routingTable: RoutingTable,
  created: number,
): { readonly object: 'list'; readonly data: readonly ModelListEntry[] } {
  const data: ModelListEntry[] = [
    { id: 'auto', object: 'model', created, owned_by: 'switchyard', switchyard: { type: 'auto' } },
  ];
  for (const alias of routingTable.aliases) {
    data.push({
      id: alias.alias,
      object: 'model',
      created,
      owned_by: 'switchyard',
      switchyard: {
        type: 'alias',
        targets: [alias.primary.target, ...alias.fallbacks.map((hop) => hop.target)],
      },
    });
  }
  for (const target of targets) {
    data.push({
      id: target.id,
      object: 'model',
      created,
      owned_by: target.kind,
      switchyard: {
        type: 'target',
        backend: target.backend,
        kind: target.kind,
        model: target.model,
        tier: target.tier,
        locality: target.locality,
      },
    });
  }
  return { object: 'list', data };
}
