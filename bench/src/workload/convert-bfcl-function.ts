import type { ChatTool } from '@switchyard/core';
import { convertBfclSchema } from './convert-bfcl-schema.js';

/** A BFCL function definition as the data files hold it. */
export type BfclFunction = {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: unknown;
  /** Multi-turn docs describe the return value too (not part of an OpenAI tool). */
  readonly response?: unknown;
};

/**
 * Converts a BFCL function definition to an OpenAI `tools` entry. The parameters become a JSON
 * Schema object (see {@link convertBfclSchema}); a definition without parameters gets an empty
 * object schema, as the OpenAI API expects.
 *
 * @example
 * const tool = convertBfclFunction({ name: 'cd', description: 'Change directory.', parameters: { type: 'dict', properties: { folder: { type: 'string' } } } });
 * tool.function.parameters; // { type: 'object', properties: { folder: { type: 'string' } } }
 */
export function convertBfclFunction(definition: BfclFunction): ChatTool {
  const parameters = convertBfclSchema(definition.parameters, `${definition.name}.parameters`);
  if (parameters.type === undefined) parameters.type = 'object';
  if (parameters.properties === undefined) parameters.properties = {};
  return {
    type: 'function',
    function: {
      name: definition.name,
      ...(definition.description === undefined ? {} : { description: definition.description }),
      parameters,
    },
  };
}
