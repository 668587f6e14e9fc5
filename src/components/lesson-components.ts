// The components every lesson's MDX may use without importing them.
import CodeFrom from './CodeFrom.astro';
import Exercise from './Exercise.astro';
import Live from './Live.astro';
import Predict from './Predict.astro';
import Reflect from './Reflect.astro';
import Snippet from './Snippet.astro';

export const lessonComponents = { CodeFrom, Exercise, Live, Predict, Reflect, Snippet };
