/** What a model puts into a meeting's sections: headings and their lines, empty parts left out. */
import { describe, expect, it } from 'vitest';
import { modelBlocks } from '../../shared/models.js';

describe('modelBlocks', () => {
  it('puts the key moves and done well into the Modelled strategy, practice and steps into the Practice plan', () => {
    const blocks = modelBlocks({
      name: 'Think, try, then ask',
      keyMoves: 'Wait ten seconds\r\n\n  Point to the first step  ',
      doneWell: 'Everyone writes something',
      practiceActivity: 'Rehearse with a colleague',
      actionSteps: '',
    });
    expect(blocks).toEqual({
      modelledStrategy: [
        { heading: 'Think, try, then ask: key moves', lines: ['Wait ten seconds', 'Point to the first step'] },
        { heading: 'What it looks like done well', lines: ['Everyone writes something'] },
      ],
      practicePlan: [{ heading: 'Practice: Think, try, then ask', lines: ['Rehearse with a colleague'] }],
    });
  });

  it('leaves the Practice plan alone when the model has nothing for it', () => {
    const blocks = modelBlocks({
      name: 'A',
      keyMoves: 'One move',
      doneWell: ' ',
      practiceActivity: '',
      actionSteps: '',
    });
    expect(blocks.practicePlan).toEqual([]);
    expect(blocks.modelledStrategy).toHaveLength(1);
  });
});
