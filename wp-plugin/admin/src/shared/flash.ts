/** A notice that outlives one screen change ("Draft saved." shown by the screen opened next). */
export interface FlashNotice {
	status: 'success' | 'error' | 'warning' | 'info';
	message: string;
}

let pending: FlashNotice | null = null;

export function setFlash( notice: FlashNotice ): void {
	pending = notice;
}

/** The waiting notice, once. */
export function takeFlash(): FlashNotice | null {
	const notice = pending;
	pending = null;
	return notice;
}
