import { parseChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { countRequestTokens } from './count-tokens.js';
import { buildReferenceRequest, referencePromptTokens, referenceToolCount } from './reference-request.js';
import { workloadDataFiles } from './workload-sources.js';

const sharedDir = sharedDataDirectory();
const present = hasSharedData(sharedDir, workloadDataFiles);

describe.skipIf(!present)(
  present
    ? 'buildReferenceRequest (real data)'
    : `buildReferenceRequest — skipped: no public data under ${sharedDir}`,
  () => {
    it('is a valid ~4k-token prompt with 12 real BFCL tools, the same every time', () => {
      const request = buildReferenceRequest({ sharedDir });
      expect(parseChatRequest(request)).toEqual(request);
      expect(request.tools?.map((tool) => tool.function.name)).toEqual(
        ['cat', 'cd', 'cp', 'diff', 'du', 'echo', 'find', 'grep', 'ls', 'mkdir', 'mv', 'pwd'].slice(
          0,
          referenceToolCount,
        ),
      );
      const tokens = countRequestTokens(request);
      expect(tokens.messages).toBeGreaterThan(referencePromptTokens * 0.95);
      expect(tokens.messages).toBeLessThanOrEqual(referencePromptTokens);
      expect(tokens.tools).toBeGreaterThan(1_000);
      expect(buildReferenceRequest({ sharedDir })).toEqual(request);
    });
  },
);
