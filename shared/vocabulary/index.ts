/**
 * The domain's words and codecs, defined once: statuses, target states, comparators, unit kinds and
 * rank groups, quarters, Chinese numerals, full-width digits, cell addresses. Plan parsing, the
 * workbook's layout and readers, scoring, reports and the add-in all take them from here.
 */
export { STATUS, STATUS_WORDS, STATUS_PROGRESS_ORDER, UNREPORTED, TARGET_STATE, TARGET_STATE_WORDS, type Status, type TargetState } from "./statuses";
export { COMPARATORS, COMPARATOR, comparatorFromCell, type Comparator } from "./comparators";
export { UNIT_KINDS, UNIT_KIND_WORDS, RANK_GROUPS, RANK_GROUP_WORDS, rankGroupOf, unitKindFromWord, type UnitKind, type RankGroup } from "./unit-kinds";
export { QUARTERS, QUARTER_NAMES, quarterIndex, quarterTitle, parseQuarter, type Quarter } from "./quarters";
export {
  HEADING_NUMERAL,
  ANY_NUMERAL,
  parseChineseNumeral,
  parseChineseYear,
  toChineseNumeral,
  leadingNumeral,
  isChineseDigit,
  isChinesePower,
} from "./numerals";
export { FULL_WIDTH_DIGITS, asciiDigit, toAsciiDigits, isFullWidthDigit } from "./fullwidth";
export { FILE_SIGNATURE, hasSignature } from "./file-signatures";
export { colLetter, colNumber, cellAddress, parseCellAddress, sheetCell } from "./cell-address";
export { UNIT_ROLES, UNIT_LABELS, ROLE_LABEL, unitLabelSource, unitRoleOf, type UnitRole } from "./unit-labels";
export { WARNINGS, OVERALL } from "./scores";
