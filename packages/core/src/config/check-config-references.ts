import { formatPath } from '../errors/format-issues.js';
import { cloudBackendKinds } from './backend-kind-defaults.js';
import type { SwitchyardConfigInput } from './config-schema.js';
import type { RouteHopInput } from './routes-config-schema.js';

/**
 * The checks one field's schema cannot make: every target's backend exists, ids are unique,
 * route hops and the metering baseline name existing targets, a target on a cloud vendor is not
 * declared local, limits are consistent. Returns `path: problem` lines (empty when all is well).
 * Messages name paths and known ids, never a field's value.
 *
 * @example
 * checkConfigReferences(validated) // ['targets[2].backend: unknown backend; defined backends: ollama']
 */
export function checkConfigReferences(config: SwitchyardConfigInput): string[] {
  const issues: string[] = [];
  const backendIds = Object.keys(config.backends);

  for (const [id, backend] of Object.entries(config.backends)) {
    if (backend.kind === 'embedded') continue;
    if (backend.apiKey !== undefined && backend.apiKeyEnv !== undefined) {
      issues.push(`${formatPath(['backends', id, 'apiKey'])}: give apiKey or apiKeyEnv, not both`);
    }
    if (backend.locality === 'local' && cloudBackendKinds.includes(backend.kind)) {
      issues.push(`${formatPath(['backends', id, 'locality'])}: ${cloudKindIsCloud(backend.kind)}`);
    }
  }

  const firstIndexOfTarget = new Map<string, number>();
  config.targets.forEach((target, index) => {
    const at = (...path: PropertyKey[]) => formatPath(['targets', index, ...path]);
    const earlier = firstIndexOfTarget.get(target.id);
    if (earlier === undefined) firstIndexOfTarget.set(target.id, index);
    else issues.push(`${at('id')}: duplicate target id (already used by targets[${earlier}])`);

    const backend = Object.hasOwn(config.backends, target.backend)
      ? config.backends[target.backend]
      : undefined;
    if (backend === undefined) {
      issues.push(`${at('backend')}: unknown backend; defined backends: ${listOrNone(backendIds)}`);
    } else if (target.locality === 'local' && cloudBackendKinds.includes(backend.kind)) {
      issues.push(`${at('locality')}: ${cloudKindIsCloud(backend.kind)}`);
    }

    const { contextWindow, maxOutputTokens } = target.capabilities;
    if (maxOutputTokens !== undefined && maxOutputTokens > contextWindow) {
      issues.push(`${at('capabilities', 'maxOutputTokens')}: must not exceed capabilities.contextWindow`);
    }
    const timeoutMs = target.timeoutMs ?? backend?.timeoutMs;
    if (
      target.firstTokenTimeoutMs !== undefined &&
      timeoutMs !== undefined &&
      target.firstTokenTimeoutMs > timeoutMs
    ) {
      issues.push(`${at('firstTokenTimeoutMs')}: must not exceed the target's timeoutMs`);
    }
  });

  const targetIds = [...firstIndexOfTarget.keys()];
  const unknownTarget = `unknown target; defined targets: ${listOrNone(targetIds)}`;
  for (const [alias, route] of Object.entries(config.routes.aliases)) {
    const hops: [RouteHopInput, PropertyKey[]][] = [
      [route.primary, ['routes', 'aliases', alias, 'primary']],
      ...route.fallbacks.map((hop, index): [RouteHopInput, PropertyKey[]] => [
        hop,
        ['routes', 'aliases', alias, 'fallbacks', index],
      ]),
    ];
    const seen = new Set<string>();
    for (const [hop, path] of hops) {
      const target = typeof hop === 'string' ? hop : hop.target;
      const fieldPath = typeof hop === 'string' ? path : [...path, 'target'];
      if (!firstIndexOfTarget.has(target)) issues.push(`${formatPath(fieldPath)}: ${unknownTarget}`);
      const key = `${target}\u0000${typeof hop === 'string' ? '' : (hop.model ?? '')}`;
      if (seen.has(key)) issues.push(`${formatPath(path)}: repeats an earlier hop of this alias`);
      seen.add(key);
    }
  }

  const baseline = config.metering.baselineTarget;
  if (baseline !== undefined && !firstIndexOfTarget.has(baseline)) {
    issues.push(`metering.baselineTarget: ${unknownTarget}`);
  }

  const firstIndexOfPolicy = new Map<string, number>();
  config.policies?.forEach((entry, index) => {
    const name = typeof entry === 'string' ? entry : entry.name;
    const earlier = firstIndexOfPolicy.get(name);
    if (earlier === undefined) firstIndexOfPolicy.set(name, index);
    else issues.push(`policies[${index}]: policy ${name} is listed twice (also policies[${earlier}])`);
  });
  return issues;
}

function cloudKindIsCloud(kind: string): string {
  return (
    `targets of a backend of kind ${kind} run in the cloud; ` +
    'use kind openai-compatible for a self-hosted OpenAI-style server'
  );
}

function listOrNone(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.join(', ');
}
