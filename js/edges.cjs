// The edges of the API, shared by every entry point (the browser entry gets this file
// wrapped as an ES module by `make pkg`): a runtime SmartAccessError class, clear errors
// for an object used after free() and for calls made before the engine is initialised,
// where the generated glue would say "null pointer passed to rust" or "Cannot read
// properties of undefined", and a free() that may be called again.
'use strict';

/** What every call throws on bad input: `code`, `path` (a JSON pointer) and `message`. */
class SmartAccessError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = 'SmartAccessError';
    this.code = code;
    this.path = path;
  }

  // The engine creates its errors inside WebAssembly as plain Errors named
  // SmartAccessError with a code; `instanceof` recognises those too.
  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === 'SmartAccessError' && typeof value.code === 'string';
  }
}

const FREED = (what) => new SmartAccessError('FREED', '',
  `this ${what} was freed (free(), or the end of a using block) and holds nothing any more; load or plan it again`);
const FOREIGN = (what, name) => new SmartAccessError('INVALID_VALUE', '',
  `${what}.prototype.${name} was called on something that is not a ${what} (call it on a ${what} the engine gave you)`);
const BUSY = (what) => new SmartAccessError('BUSY', '',
  `this ${what} is in the middle of a call (free() was reached from inside it, e.g. by a getter of an argument); free it once the call has returned`);

/**
 * Guards the methods of the engine's classes: a method called on something that is not an
 * object of its class (another class's object, the prototype, a plain object) throws
 * INVALID_VALUE before the engine reads a pointer it does not hold; an object used after
 * free() throws FREED; free() while one of the object's own calls is still running (an
 * argument's getter) throws BUSY; any call before `ready()` throws NOT_INITIALISED; free()
 * again does nothing.
 */
function guard(classes, ready) {
  // The objects with a call of theirs running, for free() to refuse.
  const busy = new WeakSet();
  const notReady = () => new SmartAccessError('NOT_INITIALISED', '',
    'the engine is not initialised yet: await init() (the default export) once before using it, or call initSync({ module }) with the compiled .wasm');
  for (const [what, cls] of Object.entries(classes)) {
    for (const target of [cls, cls.prototype]) {
      for (const name of Object.getOwnPropertyNames(target)) {
        const descriptor = Object.getOwnPropertyDescriptor(target, name);
        const original = descriptor.get ?? descriptor.value;
        if (typeof original !== 'function' || ['constructor', 'free', 'prototype', 'length', 'name'].includes(name)
          || name.startsWith('__')) {
          continue;
        }
        const instance = target === cls.prototype;
        function guarded(...args) {
          if (!ready()) throw notReady();
          if (!instance) return original.apply(this, args);
          if (!(this instanceof cls) || this === cls.prototype || typeof this.__wbg_ptr !== 'number') throw FOREIGN(what, name);
          if (this.__wbg_ptr === 0) throw FREED(what);
          // Re-entrant calls (a getter of an argument calling another method) stay allowed;
          // only the outermost call clears the mark.
          const outermost = !busy.has(this);
          busy.add(this);
          try {
            return original.apply(this, args);
          } finally {
            if (outermost) busy.delete(this);
          }
        }
        Object.defineProperty(target, name, descriptor.get ? { ...descriptor, get: guarded } : { ...descriptor, value: guarded });
      }
    }
    // free() twice (a `using` block around an object also freed by hand, a finally that
    // frees what was already freed) is a no-op, as disposing is meant to be; the generated
    // free() would pass the engine a null pointer. wasm-bindgen makes Symbol.dispose the
    // same function, so it is replaced with it.
    const generatedFree = cls.prototype.free;
    if (typeof generatedFree === 'function') {
      const freeOnce = function free() {
        if (!(this instanceof cls) || this === cls.prototype || typeof this.__wbg_ptr !== 'number') throw FOREIGN(what, 'free');
        if (busy.has(this)) throw BUSY(what);
        if (this.__wbg_ptr !== 0) generatedFree.call(this);
      };
      cls.prototype.free = freeOnce;
      if (typeof Symbol.dispose === 'symbol' && cls.prototype[Symbol.dispose] === generatedFree) {
        cls.prototype[Symbol.dispose] = freeOnce;
      }
    }
    // `new Account(...)` before init goes through the constructor itself.
    const Guarded = new Proxy(cls, {
      construct(Target, args, newTarget) {
        if (!ready()) throw notReady();
        return Reflect.construct(Target, args, newTarget);
      },
    });
    classes[what] = Guarded;
  }
  return classes;
}

module.exports = { SmartAccessError, guard };
