/**
 * @tessera/anonymize: PII detection and removal for text and records, k-anonymity and
 * differential privacy. The text core has no tensor dependency: importing it never loads wasm.
 */

// Text analysis
export { Analyzer, analyze, defaultRecognizers } from './analyzer.js';
export type { AnalyzerOptions, AnalyzeOptions } from './analyzer.js';
export type { RecognizerResult } from './types.js';
export type { Recognizer } from './recognizers/recognizer.js';
export { PatternRecognizer } from './recognizers/pattern_recognizer.js';
export type { Pattern, PatternRecognizerOptions } from './recognizers/pattern_recognizer.js';
export { enhanceWithContext } from './recognizers/context.js';
export type { ContextOptions } from './recognizers/context.js';
export { emailRecognizer } from './recognizers/email.js';
export { phoneRecognizer } from './recognizers/phone.js';
export { ipRecognizer } from './recognizers/ip_address.js';
export { creditCardRecognizer, cardSchemeAccepts } from './recognizers/credit_card.js';
export { ibanRecognizer } from './recognizers/iban.js';
export { usSsnRecognizer, ssnValid } from './recognizers/us_ssn.js';
export { urlRecognizer } from './recognizers/url.js';
export { dateTimeRecognizer } from './recognizers/date_time.js';
export { personRecognizer } from './recognizers/person.js';
export type { PersonRecognizerOptions } from './recognizers/person.js';
export { defaultNameLists } from './recognizers/names/name_lists.js';
export type { NameLists } from './recognizers/names/name_lists.js';
export { luhnValid } from './validators/luhn.js';
export { ibanValid, IBAN_LENGTHS } from './validators/iban_checksum.js';
export { isIpv4, isIpv6 } from './validators/ip_address.js';
export { resolveConflicts, removeDuplicates } from './conflict_resolution.js';
export type { ConflictResolution } from './conflict_resolution.js';

// Operators and anonymization
export { anonymize, anonymizeText } from './anonymizer.js';
export type { AnonymizedItem, AnonymizeOptions, AnonymizeResult, AnonymizeTextOptions } from './anonymizer.js';
export { deanonymize } from './deanonymizer.js';
export type { DeanonymizeResult } from './deanonymizer.js';
export { emptyReport, mergeReports } from './report.js';
export type { AnonymizationReport } from './report.js';
export type { Operator, OperatorContext, OperatorMap } from './operators/operator.js';
export { replace } from './operators/replace.js';
export { redact } from './operators/redact.js';
export { mask } from './operators/mask.js';
export type { MaskOptions } from './operators/mask.js';
export { hash } from './operators/hash.js';
export type { HashOptions } from './operators/hash.js';
export { pseudonymize } from './operators/pseudonymize.js';
export type { PseudonymizeOptions } from './operators/pseudonymize.js';
export { encrypt, encryptValue, decryptValue } from './operators/encrypt.js';
export { keep } from './operators/keep.js';
export { custom } from './operators/custom.js';
export { generateKey } from './operators/keys.js';
export type { KeyInput } from './operators/keys.js';

// Records
export { RecordAnonymizer, anonymizeRecords } from './records/record_anonymizer.js';
export type { FieldRule, RecordAnonymizerOptions } from './records/record_anonymizer.js';
export type { RecordSource } from './records/sources.js';
export { parseCsv, formatCsv } from './records/csv.js';
export type { ParseCsvOptions, FormatCsvOptions } from './records/csv.js';
export { parseJsonLines, formatJsonLines } from './records/json_lines.js';

// k-anonymity
export type { Hierarchy } from './k_anonymity/hierarchies/hierarchy.js';
export { numericRangeHierarchy } from './k_anonymity/hierarchies/numeric_range.js';
export type { NumericRangeOptions } from './k_anonymity/hierarchies/numeric_range.js';
export { dateTruncationHierarchy } from './k_anonymity/hierarchies/date_truncation.js';
export type { DateGranularity } from './k_anonymity/hierarchies/date_truncation.js';
export { prefixMaskHierarchy } from './k_anonymity/hierarchies/prefix_mask.js';
export { userHierarchy } from './k_anonymity/hierarchies/user_hierarchy.js';
export { kAnonymize } from './k_anonymity/k_anonymize.js';
export type { KAnonymizeOptions, KAnonymizeResult } from './k_anonymity/k_anonymize.js';
export { equivalenceClasses, checkKAnonymity } from './k_anonymity/equivalence_classes.js';
export type { CheckOptions, KAnonymityCheck } from './k_anonymity/equivalence_classes.js';
export { checkDistinctLDiversity } from './k_anonymity/l_diversity.js';
export type { LDiversityCheck } from './k_anonymity/l_diversity.js';
export { checkTCloseness, earthMoversDistance } from './k_anonymity/t_closeness.js';
export type { TClosenessCheck, TClosenessDistance } from './k_anonymity/t_closeness.js';
export type { InformationLossReport } from './k_anonymity/information_loss.js';

// Differential privacy
export { secureRandom, seededRandom } from './dp/random.js';
export type { RandomSource } from './dp/random.js';
export { laplaceMechanism, laplaceScale, sampleLaplace } from './dp/laplace.js';
export type { LaplaceOptions } from './dp/laplace.js';
export { gaussianMechanism, gaussianSigma, gaussianDelta, sampleGaussian } from './dp/gaussian.js';
export type { GaussianCalibration, GaussianOptions } from './dp/gaussian.js';
export { normalCdf } from './dp/normal_cdf.js';
export { PrivacyBudget } from './dp/budget.js';
export type { BudgetEntry } from './dp/budget.js';
export { dpCount, dpSum, dpMean, dpHistogram } from './dp/statistics.js';
export type { DpOptions, DpRelease, DpHistogram } from './dp/statistics.js';

// Evaluation
export { evaluate, fBeta, scoresFromCounts } from './evaluation/evaluate.js';
export type { AnalyzerLike, EvaluateOptions, EvaluationReport, PrfScores, SpanLevelReport } from './evaluation/evaluate.js';
export { parseLabelledCorpus } from './evaluation/corpus.js';
export type { LabelledExample, LabelledSpan } from './evaluation/corpus.js';
