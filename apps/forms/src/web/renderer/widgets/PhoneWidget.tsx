import type { WidgetProps } from '@rjsf/utils';
import { BaseInputTemplate } from '../templates/BaseInputTemplate.tsx';

/** A phone number: a `tel` input (the phone keypad on mobiles); the CDP normalizes the number. */
export function PhoneWidget(props: WidgetProps) {
  return <BaseInputTemplate {...props} type="tel" placeholder={props.placeholder || '+44 20 7946 0958'} />;
}
