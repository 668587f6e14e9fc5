// The components every lesson's MDX may use without importing them.
import CodeFrom from './CodeFrom.astro';
import Emphasis from './Emphasis.astro';
import Exercise from './Exercise.astro';
import LessonTable from './LessonTable.astro';
import Live from './Live.astro';
import Predict from './Predict.astro';
import Reflect from './Reflect.astro';
import Remember from './Remember.astro';
import Snippet from './Snippet.astro';

// `em` is MDX's element for *emphasis*: citations of Cloudflare's docs become links there.
// `table`: a Markdown table scrolls inside a focusable frame on narrow screens.
export const lessonComponents = { CodeFrom, Exercise, Live, Predict, Reflect, Remember, Snippet, em: Emphasis, table: LessonTable };
