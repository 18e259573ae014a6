import { describe, expect, it } from 'vitest';
import { ColumnTransformer } from './column_transformer.js';
import { MinMaxScaler } from './min_max_scaler.js';
import { OneHotEncoder } from './one_hot_encoder.js';
import { Pipeline } from './pipeline.js';
import { transformerFromJSON } from './registry.js';
import { SimpleImputer } from './simple_imputer.js';
import { StandardScaler } from './standard_scaler.js';

const rows = [
  { age: 30, income: 1000, city: 'Paris', id: 1 },
  { age: NaN, income: 3000, city: 'Lyon', id: 2 },
  { age: 50, income: 2000, city: null, id: 3 },
  { age: 40, income: 2000, city: 'Paris', id: 4 },
];

const build = () =>
  new ColumnTransformer([
    { name: 'num', transformer: new Pipeline([new SimpleImputer({ strategy: 'median' }), new StandardScaler()]), columns: ['age', 'income'] },
    { name: 'cat', transformer: new Pipeline([new SimpleImputer({ strategy: 'most_frequent' }), new OneHotEncoder({ handleUnknown: 'ignore' })]), columns: ['city'] },
  ]);

describe('Pipeline and ColumnTransformer', () => {
  it('chains transformers and their inverses', () => {
    const p = new Pipeline([new SimpleImputer({ strategy: 'median' }), new MinMaxScaler()]);
    expect(p.fitTransform([[1], [NaN], [3]])).toEqual([[0], [0.5], [1]]);
    expect(p.featureNamesOut(['v'])).toEqual(['v']);
    expect(() => p.inverseTransform([[0.5]])).toThrow('Pipeline.inverseTransform: steps[0] (SimpleImputer) has no inverseTransform');
    expect(new Pipeline([new StandardScaler(), new MinMaxScaler()]).fit([[1], [2], [4]]).inverseTransform([[0.5]])).toEqual([[2.5]]);
  });

  it('transforms named columns into one matrix with sklearn-style names', () => {
    const ct = build();
    const X = ct.fitTransform(rows);
    expect(ct.featureNamesOut()).toEqual(['num__age', 'num__income', 'cat__city_Lyon', 'cat__city_Paris']);
    // age imputed with the median 40: [30, 40, 50, 40] -> mean 40, std sqrt(50)
    const s = Math.sqrt(50);
    expect(X.map((r) => r[0])).toEqual([-10 / s, 0, 10 / s, 0]);
    expect(X.map((r) => r.slice(2))).toEqual([[0, 1], [1, 0], [0, 1], [0, 1]]);
    expect(new ColumnTransformer([{ name: 'a', transformer: new StandardScaler(), columns: ['age'] }], { remainder: 'passthrough' })
      .fit([{ age: 1, id: 7 }, { age: 3, id: 8 }]).featureNamesOut()).toEqual(['a__age', 'remainder__id']);
  });

  it('replays identical numbers after a JSON round trip (training vs serving)', () => {
    const ct = build();
    ct.fit(rows);
    const serving = ColumnTransformer.fromJSON(JSON.parse(JSON.stringify(ct)));
    const fresh = [{ age: 35, income: 2500, city: 'Nice', id: 9 }, ...rows];
    expect(serving.transform(fresh)).toEqual(ct.transform(fresh));
    expect(transformerFromJSON(JSON.parse(JSON.stringify(new Pipeline([new StandardScaler().fit([[1], [2]])])))).transform([[3]])).toEqual([[3]]);
  });

  it('explains missing columns, non-numeric output and use before fit', () => {
    expect(() => build().fit([{ age: 1, income: 2 }])).toThrow('ColumnTransformer.fit: records have no column "city" (they have age, income)');
    expect(() => build().transform(rows)).toThrow('ColumnTransformer.transform: not fitted yet');
    const pass = new ColumnTransformer([{ name: 'n', transformer: new StandardScaler(), columns: ['age'] }], { remainder: 'passthrough' });
    expect(() => pass.fit([{ age: 1, city: 'Paris' }, { age: 2, city: 'Lyon' }])).toThrow(
      'ColumnTransformer.fit: output column "remainder__city" of row 0 is not a number (a string (5 chars)); encode or impute that column',
    );
    expect(() => new ColumnTransformer([])).toThrow('ColumnTransformer: specs must be a non-empty array');
    expect(() => transformerFromJSON({ type: 'Nope', version: 1 })).toThrow('transformerFromJSON: unknown transformer type "Nope"');
  });
});
