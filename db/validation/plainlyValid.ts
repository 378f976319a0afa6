import type { z } from 'zod';

// Received sync records and spreadsheet rows are checked against the API's zod schemas, and zod's general
// walk (a payload and an issue list per node, wrapper after wrapper, through call sites every schema
// shares) was the largest JS cost of a bundle import and most of a large preview's garbage. `plainlyValid` compiles a schema once into one function per node, generated as source so each
// has call sites of its own, that walks the tree the way zod does on a value that passes: the same parse
// per node kind, the schema's own checks, refinements and transforms called in zod's order on the same
// values. It only ever answers "zod accepts this": an issue, a node kind or value it does not follow, or a
// throw gives "not plainly", and the caller asks zod itself, so refusals and their messages stay zod's.
// test/db/sync/validateRecord.test.ts compares the two on random and mangled rows of every synced table.

interface Payload {
  value: unknown;
  issues: unknown[];
}
interface CheckDef {
  check?: string;
  when?: (p: Payload) => boolean;
  fn?: (value: unknown) => unknown;
  tx?: (value: unknown) => unknown;
  maximum?: number;
}
interface Check {
  _zod: { def: CheckDef; traits: Set<string>; check: (p: Payload) => unknown };
}
interface Def {
  type: string;
  coerce?: boolean;
  checks?: Check[];
  innerType?: Node;
  in?: Node;
  out?: Node;
  options?: Node[];
  inclusive?: boolean;
  element?: Node;
  keyType?: Node;
  valueType?: Node;
  shape?: Record<string, Node>;
  catchall?: Node;
  defaultValue?: unknown;
  transform?: (value: unknown, payload: Payload) => unknown;
}
interface Node {
  _zod: { def: Def; traits: Set<string>; optin?: string; optout?: string; values?: Set<unknown> };
}

/** A node's answer when zod would have recorded an issue, or when this walk gives up. */
const NOT_PLAIN: unique symbol = Symbol('not plainly valid');

/** Plain JSON objects only: another prototype, symbols or `__proto__` go to zod. */
const plainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype &&
  !Object.prototype.hasOwnProperty.call(v, '__proto__') &&
  Object.getOwnPropertySymbols(v).length === 0;

class Generator {
  readonly values: unknown[] = [];
  readonly functions: string[] = [];
  private readonly names = new Map<Node, string | null>();

  /** A value the generated code refers to (a schema's function, set, default). */
  ref(v: unknown): string {
    this.values.push(v);
    return `k[${this.values.length - 1}]`;
  }

  /** The name of the generated function for `node`, or null when the node holds a kind not followed. */
  node(node: Node): string | null {
    if (this.names.has(node)) return this.names.get(node)!;
    const name = `f${this.names.size}`;
    this.names.set(node, name);
    const body = this.parse(node);
    if (body === null) {
      this.names.set(node, null);
      return null;
    }
    this.functions.push(`function ${name}(v) {\n${body}\n${this.checks(node)}\nreturn v;\n}`);
    return name;
  }

  /** Runs a child: `v` becomes its output, or the walk stops. */
  private into(node: Node | undefined): string | null {
    const f = node && this.node(node);
    return f ? `v = ${f}(v); if (v === F) return F;` : null;
  }

  /** zod's runChecks on a payload without issues: every check whose `when` allows, in order. */
  private checks(node: Node): string {
    const own = node._zod.def.checks ?? [];
    const checks = node._zod.traits.has('$ZodCheck') ? [node as unknown as Check, ...own] : own;
    return checks
      .map((ch) => {
        const def = ch._zod.def;
        const traits = ch._zod.traits;
        const when = def.when ? `${this.ref(def.when)}({ value: v, issues: [] })` : 'true';
        let run: string;
        if (traits.has('$ZodCustom') && def.fn) {
          // A refinement: its function's answer, as handleRefineResult reads it.
          run = `const r = ${this.ref(def.fn)}(v); if (!r || r instanceof Promise) return F;`;
        } else if (traits.has('$ZodCheckOverwrite') && def.tx) {
          run = `v = ${this.ref(def.tx)}(v);`;
        } else {
          const call = `${this.ref(ch)}._zod.check(p)`;
          const plain = `const p = { value: v, issues: [] }; if (${call} instanceof Promise || p.issues.length) return F; v = p.value;`;
          // Units within the maximum are within it in code points too; only a longer string is counted.
          run =
            traits.has('$ZodCheckMaxLength') && def.maximum !== undefined
              ? `if (typeof v !== 'string' || v.length > ${def.maximum}) { ${plain} }`
              : plain;
        }
        return when === 'true' ? `{ ${run} }` : `if (${when}) { ${run} }`;
      })
      .join('\n');
  }

  private parse(node: Node): string | null {
    const z = node._zod;
    const def = z.def;
    if (def.coerce) return null;
    switch (def.type) {
      case 'string':
        return "if (typeof v !== 'string') return F;";
      case 'number':
        return "if (typeof v !== 'number' || !Number.isFinite(v)) return F;";
      case 'boolean':
        return "if (typeof v !== 'boolean') return F;";
      case 'null':
        return 'if (v !== null) return F;';
      case 'unknown':
      case 'any':
      case 'custom':
        return '';
      case 'enum':
      case 'literal':
        return z.values ? `if (!${this.ref(z.values)}.has(v)) return F;` : null;
      case 'optional': {
        if (z.traits.has('$ZodExactOptional') || !def.innerType) return null;
        const inner = this.node(def.innerType);
        if (!inner) return null;
        // Only a defaulted inner substitutes for absence; if it fails there, zod yields undefined silently.
        const absent =
          def.innerType._zod.optin === 'defaulted'
            ? `{ const r = ${inner}(v); v = r === F ? undefined : r; }`
            : '';
        return `if (v === undefined) ${absent || '{}'} else { v = ${inner}(v); if (v === F) return F; }`;
      }
      case 'nullable': {
        const inner = this.into(def.innerType);
        return inner && `if (v !== null) { ${inner} }`;
      }
      case 'default': {
        const inner = this.into(def.innerType);
        const d = `${this.ref(def)}.defaultValue`;
        return inner && `if (v === undefined) v = ${d}; else { ${inner} if (v === undefined) v = ${d}; }`;
      }
      case 'pipe': {
        if (z.traits.has('$ZodCodec')) return null;
        const left = this.into(def.in);
        const right = this.into(def.out);
        return left && right && `${left}\n${right}`;
      }
      case 'transform': {
        if (!def.transform) return null;
        const fn = this.ref(def.transform);
        return `{ const p = { value: v, issues: [] }; v = ${fn}(v, p); if (v instanceof Promise || p.issues.length) return F; }`;
      }
      case 'union': {
        if (def.inclusive === false || !def.options) return null;
        const options = def.options.map((o) => this.node(o));
        if (options.some((o) => !o)) return null;
        // zod's union keeps the first option that passes.
        const tries = options.map((o) => `r = ${o}(v); if (r !== F) break tried;`).join(' ');
        return `{ let r; tried: { ${tries} return F; } v = r; }`;
      }
      case 'array': {
        const element = def.element ? this.node(def.element) : null;
        return (
          element &&
          `if (!Array.isArray(v)) return F;
          { const o = new Array(v.length);
            for (let i = 0; i < v.length; i++) { const r = ${element}(v[i]); if (r === F) return F; o[i] = r; }
            v = o; }`
        );
      }
      case 'record': {
        const { keyType, valueType } = def;
        const key = keyType && !keyType._zod.values ? this.node(keyType) : null;
        const value = valueType ? this.node(valueType) : null;
        return (
          key &&
          value &&
          `if (!plain(v)) return F;
          { const o = {};
            for (const key of Object.keys(v)) {
              const k2 = ${key}(key); const r = ${value}(v[key]);
              if (typeof k2 !== 'string' || k2 === '__proto__' || r === F) return F;
              o[k2] = r;
            }
            v = o; }`
        );
      }
      case 'object':
        return this.object(def);
      default:
        return null;
    }
  }

  private object(def: Def): string | null {
    const { shape = {}, catchall } = def;
    if (catchall && catchall._zod.def.type !== 'never') return null;
    const lines = ["if (typeof v !== 'object' || v === null || Array.isArray(v)) return F;"];
    if (catchall) {
      const known = this.ref(new Set(Object.keys(shape)));
      lines.push(`for (const key in v) if (!${known}.has(key)) return F;`);
    }
    lines.push('const o = {};');
    for (const [key, el] of Object.entries(shape)) {
      const f = this.node(el);
      if (!f || key === '__proto__') return null;
      const k = JSON.stringify(key);
      const { optin, optout } = el._zod;
      // How zod's object keeps or leaves out a field without issues (handlePropertyResult).
      const absentKept = optin === 'defaulted' && optout !== 'optional';
      const field = [
        `const r = ${f}(v[${k}]); if (r === F) return F;`,
        optin === undefined ? 'if (!present) return F;' : '',
        `if (r !== undefined) o[${k}] = r; else ${absentKept ? '' : 'if (present) '}o[${k}] = undefined;`,
      ].join(' ');
      const skip = optout === 'optional' && optin === 'optional';
      lines.push(`{ const present = ${k} in v; ${skip ? `if (present) { ${field} }` : field} }`);
    }
    lines.push('v = o;');
    return lines.join('\n');
  }
}

/** The compiled walk: zod's output for a value zod plainly accepts, NOT_PLAIN for any other. */
const compile = (schema: z.ZodType): ((value: unknown) => unknown) | null => {
  const gen = new Generator();
  const root = gen.node(schema as unknown as Node);
  if (!root) return null;
  // The schema's own functions are called from generated code; no text of a record ever becomes code.
  // Where code generation is not allowed (a flag or policy), every value simply goes to zod.
  let walk: (value: unknown) => unknown;
  try {
    walk = new Function('F', 'k', 'plain', `${gen.functions.join('\n')}\nreturn ${root};`)(
      NOT_PLAIN,
      gen.values,
      plainRecord,
    ) as (value: unknown) => unknown;
  } catch {
    return null;
  }
  return (value) => {
    try {
      return walk(value);
    } catch {
      return NOT_PLAIN;
    }
  };
};

/**
 * `schema` compiled into "does zod plainly accept this value?": true only when `schema.safeParse(value)`
 * succeeds; false means "ask zod" (it may still accept). Null when the schema holds a kind this walk does
 * not follow, so every value goes to zod.
 */
export const plainlyValid = (schema: z.ZodType): ((value: unknown) => boolean) | null => {
  const walk = compile(schema);
  return walk && ((value) => walk(value) !== NOT_PLAIN);
};

/**
 * The same walk giving what `schema.safeParse(value).data` would be (the walk builds its output the way
 * zod does: each node's parse, transforms and overwrites in zod's order, objects rebuilt field by field),
 * or null for "ask zod". test/db/validation/plainlyParsed.test.ts compares the values with zod's.
 */
export const plainlyParsed = <S extends z.ZodType>(
  schema: S,
): ((value: unknown) => { data: z.output<S> } | null) | null => {
  const walk = compile(schema);
  return (
    walk &&
    ((value) => {
      const data = walk(value);
      return data === NOT_PLAIN ? null : { data: data as z.output<S> };
    })
  );
};
