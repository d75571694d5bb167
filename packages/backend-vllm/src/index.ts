export { createVllm, type VllmBackend } from './create-vllm.js';
export { describeVllm, type VllmModelDescription } from './vllm-describe.js';
export { classifyVllmError } from './vllm-error.js';
export { probeVllm } from './vllm-probe.js';
export { quantizationFromCheckpointName } from './vllm-quantization.js';
export { prepareVllmBody } from './vllm-request-body.js';
export { defaultVllmBaseUrl, type VllmSettings } from './vllm-settings.js';
