import { Button, TextControl } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __, _x, sprintf } from '@wordpress/i18n';

import type { HoursInterval, Weekday } from '../../../api/tickets-types';
import { FieldError } from '../../../shared/components/field-error';
import { weekdayName, WEEKDAYS } from '../../department-form';

interface BusinessHoursEditorProps {
	weekly: Record< Weekday, HoursInterval[] >;
	holidays: string[];
	/** Messages keyed by the service's property, e.g. business_hours.weekly_hours.mon.0. */
	errors: Record< string, string >;
	disabled: boolean;
	onWeeklyChange: ( day: Weekday, intervals: HoursInterval[] ) => void;
	onHolidaysChange: ( holidays: string[] ) => void;
}

/** Opening hours per weekday (several intervals a day) and the holidays when the department is closed. */
export function BusinessHoursEditor( {
	weekly,
	holidays,
	errors,
	disabled,
	onWeeklyChange,
	onHolidaysChange,
}: BusinessHoursEditorProps ) {
	const dayError = ( day: Weekday ) => errors[ `business_hours.weekly_hours.${ day }` ];
	return (
		<div className="cuadra-business-hours">
			<table className="cuadra-business-hours__week">
				<caption className="screen-reader-text">{ __( 'Business hours by weekday', 'cuadra' ) }</caption>
				<tbody>
					{ WEEKDAYS.map( ( day ) => {
						const intervals = weekly[ day ];
						const name = weekdayName( day );
						return (
							<tr key={ day } className={ `cuadra-business-hours__day is-${ day }` }>
								<th scope="row">{ name }</th>
								<td>
									{ intervals.length === 0 && <span className="cuadra-muted">{ _x( 'Closed', 'business hours of a weekday', 'cuadra' ) }</span> }
									{ intervals.map( ( interval, index ) => {
										const error = errors[ `business_hours.weekly_hours.${ day }.${ index }` ];
										const set = ( field: keyof HoursInterval, value: string ) =>
											onWeeklyChange(
												day,
												intervals.map( ( current, at ) => ( at === index ? { ...current, [ field ]: value } : current ) )
											);
										return (
											<div key={ index } className="cuadra-business-hours__interval">
												<TextControl
													__nextHasNoMarginBottom
													type="time"
													label={ sprintf(
														/* translators: 1: weekday, 2: number of the interval in the day */
														__( '%1$s, opens (interval %2$d)', 'cuadra' ),
														name,
														index + 1
													) }
													hideLabelFromVision
													value={ interval.start }
													onChange={ ( value: string ) => set( 'start', value ) }
													aria-invalid={ Boolean( error ) }
													disabled={ disabled }
												/>
												<span aria-hidden="true">–</span>
												<TextControl
													__nextHasNoMarginBottom
													type="time"
													label={ sprintf(
														/* translators: 1: weekday, 2: number of the interval in the day */
														__( '%1$s, closes (interval %2$d)', 'cuadra' ),
														name,
														index + 1
													) }
													hideLabelFromVision
													value={ interval.end }
													onChange={ ( value: string ) => set( 'end', value ) }
													aria-invalid={ Boolean( error ) }
													disabled={ disabled }
												/>
												<Button
													variant="link"
													isDestructive
													disabled={ disabled }
													onClick={ () => onWeeklyChange( day, intervals.filter( ( _, at ) => at !== index ) ) }
												>
													{ __( 'Remove', 'cuadra' ) }
												</Button>
												{ error && <FieldError message={ error } /> }
											</div>
										);
									} ) }
									{ dayError( day ) && <FieldError message={ dayError( day ) ?? '' } /> }
								</td>
								<td className="cuadra-business-hours__add">
									<Button
										variant="secondary"
										size="small"
										disabled={ disabled || intervals.length >= 8 }
										onClick={ () => {
											const last = intervals[ intervals.length - 1 ];
											onWeeklyChange( day, [
												...intervals,
												last ? { start: last.end, end: last.end } : { start: '09:00', end: '14:00' },
											] );
										} }
									>
										{ sprintf(
											/* translators: %s: weekday */
											__( 'Add hours on %s', 'cuadra' ),
											name
										) }
									</Button>
								</td>
							</tr>
						);
					} ) }
				</tbody>
			</table>

			<h3 className="cuadra-business-hours__holidays-title">{ __( 'Holidays', 'cuadra' ) }</h3>
			<p className="cuadra-muted">{ __( 'Days when the department is closed all day; they do not count as business time.', 'cuadra' ) }</p>
			<ul className="cuadra-business-hours__holidays">
				{ holidays.map( ( date, index ) => {
					const error = errors[ `business_hours.holidays.${ index }` ];
					return (
						<li key={ index }>
							<TextControl
								__nextHasNoMarginBottom
								type="date"
								label={ sprintf(
									/* translators: %d: number of the holiday in the list */
									__( 'Holiday %d', 'cuadra' ),
									index + 1
								) }
								value={ date }
								onChange={ ( value: string ) =>
									onHolidaysChange( holidays.map( ( current, at ) => ( at === index ? value : current ) ) )
								}
								aria-invalid={ Boolean( error ) }
								help={ error ? <FieldError message={ error } /> : undefined }
								disabled={ disabled }
							/>
							<Button
								variant="link"
								isDestructive
								disabled={ disabled }
								onClick={ () => onHolidaysChange( holidays.filter( ( _, at ) => at !== index ) ) }
							>
								{ __( 'Remove', 'cuadra' ) }
							</Button>
						</li>
					);
				} ) }
			</ul>
			{ errors[ 'business_hours.holidays' ] && <FieldError message={ errors[ 'business_hours.holidays' ] ?? '' } /> }
			<Button variant="secondary" size="small" disabled={ disabled } onClick={ () => onHolidaysChange( [ ...holidays, '' ] ) }>
				{ __( 'Add holiday', 'cuadra' ) }
			</Button>
		</div>
	);
}
