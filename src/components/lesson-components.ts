// The components every lesson's MDX may use without importing them.
import Exercise from './Exercise.astro';
import Live from './Live.astro';
import Predict from './Predict.astro';
import Reflect from './Reflect.astro';

export const lessonComponents = { Exercise, Live, Predict, Reflect };
