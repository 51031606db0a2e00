//! TypeScript declarations of what the package adds in JavaScript around the generated
//! classes (its error class, its fast path, the optional query arguments), merged into the
//! generated `.d.ts`. The engine's own types are generated from the Rust types (tsify).

use wasm_bindgen::prelude::*;

// The methods whose query may be left out, merged into the generated class declarations.
#[wasm_bindgen(typescript_custom_section)]
const OPTIONAL_QUERIES: &str = r#"
export interface Account {
    /** A page of the account's users (`{ id, name }`), for pickers. */
    users(query?: UsersQuery | null): Page<Named>;
}
export interface Preview {
    /** A page of the users' entries (default: all users, 50 from the first). */
    users(query?: PreviewQuery | null): Page<UserPreview>;
}
"#;

// The thrown error: the core's error (`crate::Error`) as a JS `Error`, recognised by the
// package's runtime `SmartAccessError` class (js/edges.cjs), which also throws the binding's
// own two codes.
#[wasm_bindgen(typescript_custom_section)]
const SMART_ACCESS_ERROR: &str = r#"
/** What every method throws on bad input; `e instanceof SmartAccessError` recognises it. */
export class SmartAccessError extends globalThis.Error {
    constructor(code: SmartAccessError["code"], path: string, message: string);
    /** The engine's codes, and the package's own three: an object used after `free()`
     * (`FREED`), `free()` reached from inside one of the object's own calls (`BUSY`), and a
     * call before `init()` in a browser (`NOT_INITIALISED`). */
    readonly code: ErrorCode | "FREED" | "BUSY" | "NOT_INITIALISED";
    /** JSON pointer into the offending argument, e.g. "/contracts/2/lines/5/va". */
    readonly path: string;
}
"#;

// The package's JS fast path (js/abilities.cjs) over the engine's plain data.
#[wasm_bindgen(typescript_custom_section)]
const ABILITIES: &str = r#"
/** Role checks answered in JavaScript, with no WebAssembly call, from the engine's plain
 * data: build once per account from `account.abilityIndex()`, then one check object per
 * user and day from `account.ability(user, on)`. */
export class Abilities {
    constructor(index: AbilityIndex);
    /** The checks of one user on the day the ability was resolved for. */
    for(ability: UserAbility): AbilityCheck;
}
export interface AbilityCheck {
    readonly user: string;
    readonly on: IsoDate;
    /** The same answer as `account.can(user, action, resource, on)`; the same errors
     * (`UNKNOWN_ACTION`, `UNKNOWN_REFERENCE`, `INVALID_VALUE`) for what the account lacks. */
    can(action: Action, resource: Resource): boolean;
}
"#;

// The classes' `[Symbol.dispose]()` (wasm-bindgen's, for `using`) names `Symbol.dispose`,
// which only TypeScript's `esnext` library and @types/node declare: declared here the same
// way, so a consumer on `es2022` compiles (`using` itself still needs `esnext`).
#[wasm_bindgen(typescript_custom_section)]
const SYMBOL_DISPOSE: &str = r#"
declare global {
    interface SymbolConstructor {
        readonly dispose: unique symbol;
    }
}
"#;
