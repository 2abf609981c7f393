import type { RegistryWidgetsType, TemplatesType } from '@rjsf/utils';
import { FORM_WIDGETS } from '../../contracts/index.ts';
import { BaseInputTemplate } from './templates/BaseInputTemplate.tsx';
import { FieldTemplate } from './templates/FieldTemplate.tsx';
import { ObjectFieldTemplate } from './templates/ObjectFieldTemplate.tsx';
import { CheckboxesWidget } from './widgets/CheckboxesWidget.tsx';
import { CheckboxesWithOtherWidget } from './widgets/CheckboxesWithOtherWidget.tsx';
import { ChoiceWithOtherWidget } from './widgets/ChoiceWithOtherWidget.tsx';
import { ConsentWidget } from './widgets/ConsentWidget.tsx';
import { FileWidget } from './widgets/FileWidget.tsx';
import { OpinionScaleWidget } from './widgets/OpinionScaleWidget.tsx';
import { PhoneWidget } from './widgets/PhoneWidget.tsx';
import { RadioWidget } from './widgets/RadioWidget.tsx';
import { RatingWidget } from './widgets/RatingWidget.tsx';
import { SelectWidget } from './widgets/SelectWidget.tsx';
import { StatementWidget } from './widgets/StatementWidget.tsx';
import { TextareaWidget } from './widgets/TextareaWidget.tsx';

/** Our widgets for every `ui:widget` the compiler uses; the rest (date, number…) go through BaseInputTemplate. */
export const formWidgets: RegistryWidgetsType = {
  [FORM_WIDGETS.rating]: RatingWidget,
  [FORM_WIDGETS.opinionScale]: OpinionScaleWidget,
  [FORM_WIDGETS.choiceWithOther]: ChoiceWithOtherWidget,
  [FORM_WIDGETS.checkboxesWithOther]: CheckboxesWithOtherWidget,
  [FORM_WIDGETS.phone]: PhoneWidget,
  [FORM_WIDGETS.statement]: StatementWidget,
  RadioWidget,
  CheckboxesWidget,
  CheckboxWidget: ConsentWidget,
  SelectWidget,
  TextareaWidget,
  FileWidget,
};

const NoErrorList = () => null;

export const formTemplates: Partial<TemplatesType> = {
  FieldTemplate,
  ObjectFieldTemplate,
  BaseInputTemplate,
  ErrorListTemplate: NoErrorList,
};
