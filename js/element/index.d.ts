// Types of `smart-access/element` (SPEC §10): the <smart-access-preview> element, its
// properties and attributes, its events, and its place in the DOM's tag map.
import type { Account, AccountSnapshot, MigrationRequest, Overview, PreviewSummary, Submission, SmartAccessError } from '../index.js';

/** `detail` of the "preview" event: a preview is shown, for this request. */
export interface SmartAccessPreviewEventDetail {
    request: MigrationRequest;
    summary: PreviewSummary;
}

/** `detail` of the "submit" event: the person confirmed; the portal sends it. */
export interface SmartAccessSubmitEventDetail {
    request: MigrationRequest;
    submission: Submission;
}

/** `detail` of the "opened" event: an account is open (a refused one fires "error" instead,
 * and the account open before stays open). */
export interface SmartAccessOpenedEventDetail {
    overview: Overview;
}

/** The element's own events (all bubbling and composed CustomEvents). */
export interface SmartAccessPreviewEventMap {
    opened: CustomEvent<SmartAccessOpenedEventDetail>;
    preview: CustomEvent<SmartAccessPreviewEventDetail>;
    submit: CustomEvent<SmartAccessSubmitEventDetail>;
    error: CustomEvent<SmartAccessError>;
}

/** <smart-access-preview>: previews a Smart Account's user access migration. */
export declare class SmartAccessPreviewElement extends HTMLElement {
    /** The account: a handle, a snapshot or its JSON text; null shows nothing. The element
     * reads it once (a handle's snapshot is copied); set it again after changing it. */
    account: Account | AccountSnapshot | string | null;
    /** Attribute `actor`: who submits (default: the first SA administrator). */
    actor: string | null;
    /** Attribute `on`: the migration date, YYYY-MM-DD (default: today, UTC); shown and editable. */
    on: string | null;
    /** Back to the account's first screen: the choices as they start, nothing previewed. */
    reset(): void;
    addEventListener<K extends keyof SmartAccessPreviewEventMap>(type: K, listener: (this: SmartAccessPreviewElement, ev: SmartAccessPreviewEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
    addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: SmartAccessPreviewElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
    addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
    removeEventListener<K extends keyof SmartAccessPreviewEventMap>(type: K, listener: (this: SmartAccessPreviewElement, ev: SmartAccessPreviewEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
    removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: SmartAccessPreviewElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
    interface HTMLElementTagNameMap {
        'smart-access-preview': SmartAccessPreviewElement;
    }
}
