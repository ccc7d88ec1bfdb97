import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLInputType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { assertText, DEFAULT_TEXT_RULE, ID_RULE, type TextRule } from '../../../domain/text.js';
import type { RequestContext } from './context.js';

/**
 * Text rules by schema coordinate: `InputType.field` for input fields, `Type.field(arg:)` for
 * arguments. Anything not listed gets DEFAULT_TEXT_RULE (String) or ID_RULE (ID).
 */
export type TextRules = Readonly<Record<string, TextRule>>;

/**
 * Checks every String and ID a field receives, nested inputs and lists included, before its
 * resolver runs: control characters, broken characters and over-long text are BAD_USER_INPUT
 * naming the field (`heir.name`; the `input.` of a single input argument is left out). So no
 * service, workflow or database ever sees them.
 */
export function textInputCheck(rules: TextRules): MiddlewareFn<RequestContext> {
  return ({ info, args }, next) => {
    const field = info.parentType.getFields()[info.fieldName];
    if (!field?.args.length) return next();
    for (const arg of field.args) {
      const coordinate = `${info.parentType.name}.${info.fieldName}(${arg.name}:)`;
      checkValue(args[arg.name], arg.type, coordinate, arg.name === 'input' ? '' : arg.name, rules);
    }
    return next();
  };
}

function checkValue(value: unknown, type: GraphQLInputType, coordinate: string, path: string, rules: TextRules): void {
  if (value === null || value === undefined) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (Array.isArray(value)) for (const item of value) checkValue(item, inner.ofType, coordinate, path, rules);
    return;
  }
  if (isInputObjectType(inner)) {
    for (const child of Object.values(inner.getFields())) {
      const childPath = path ? `${path}.${child.name}` : child.name;
      checkValue((value as Record<string, unknown>)[child.name], child.type, `${inner.name}.${child.name}`, childPath, rules);
    }
    return;
  }
  if (isScalarType(inner) && (inner.name === 'String' || inner.name === 'ID') && typeof value === 'string') {
    assertText(value, rules[coordinate] ?? (inner.name === 'ID' ? ID_RULE : DEFAULT_TEXT_RULE), path || 'input');
  }
}
