import { Button, Modal } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import type { ReactNode } from 'react';

interface ConfirmDialogProps {
	title: string;
	children: ReactNode;
	confirmLabel: string;
	cancelLabel: string;
	onConfirm: () => void;
	onCancel: () => void;
	/** The confirmed action destroys or ends something. */
	destructive?: boolean;
	busy?: boolean;
}

/** Asks before a step that cannot be undone (issuing, cancelling, deleting). */
export function ConfirmDialog( {
	title,
	children,
	confirmLabel,
	cancelLabel,
	onConfirm,
	onCancel,
	destructive = false,
	busy = false,
}: ConfirmDialogProps ) {
	return (
		<Modal
			title={ title }
			onRequestClose={ busy ? () => undefined : onCancel }
			className="cuadra-confirm-dialog"
		>
			<div className="cuadra-confirm-dialog__body">{ children }</div>
			<div className="cuadra-confirm-dialog__actions">
				<Button variant="tertiary" onClick={ onCancel } disabled={ busy }>
					{ cancelLabel }
				</Button>
				<Button
					variant="primary"
					isDestructive={ destructive }
					onClick={ onConfirm }
					isBusy={ busy }
					disabled={ busy }
				>
					{ confirmLabel }
				</Button>
			</div>
		</Modal>
	);
}
