/**
 * Section 5: each indicator table in its final state, every row with the evaluation of last
 * year's plan and all its forecasts for the plan year, computed with shared/indicators (the
 * same functions the live table uses, so the record shows what the room saw).
 */
import * as Y from 'yjs';
import { actualSeries, listRows, readSettings, rowsMap } from '@shared/doc/indicators';
import { evaluateRow } from '@shared/indicators/evaluation';
import { forecastRow } from '@shared/indicators/forecasts';
import type { RecordIndicatorTable } from '@shared/schemas/record';
import { withAttribution } from '../entry-attribution';
import { SERVER_AUTHOR } from '../names';
import type { RecordSectionProvider } from '../record-service';

type Forecast = RecordIndicatorTable['rows'][number]['forecasts'][number];

/** Parameters as one short line: "rate=0.0512, r2=0.98". */
const paramsLine = (p: Record<string, number>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${Number(v.toPrecision(6))}`)
    .join(', ');

export const indicatorsSection: RecordSectionProvider = {
  name: 'indicators',
  async fill(ctx, record) {
    for (const board of ctx.boards) {
      if (board.kind !== 'indicators') continue;
      const history = await ctx.history(board.id);
      const table = withAttribution(
        history,
        history.rows.length,
        ctx.names,
        (doc, attribution): RecordIndicatorTable => {
          const settings = readSettings(doc);
          const maps = rowsMap(doc);
          return {
            boardId: board.id,
            title: board.title,
            lastYear: settings.lastYear,
            planYear: settings.planYear,
            rows: listRows(doc).map((row) => {
              const map = maps.get(row.id);
              const evaluation = evaluateRow(row, settings);
              const f = forecastRow(row, settings);
              const forecasts: Forecast[] = f.methods.map((m) =>
                m.result.ok
                  ? {
                      method: m.method,
                      inputs: paramsLine(m.result.params),
                      result: m.result.value,
                      gap: m.result.gap,
                    }
                  : { method: m.method, inputs: m.result.problem, result: null, gap: null },
              );
              const { gdp, icor, investment, growth } = f.icor.inputs;
              forecasts.push({
                method: 'icor-growth',
                inputs: `I=${investment.raw}, GDP=${gdp.raw}, ICOR=${icor.raw}`,
                result: f.icor.growth.ok ? f.icor.growth.percent : null,
                gap: null,
              });
              forecasts.push({
                method: 'icor-investment',
                inputs: `g=${growth.raw}%, GDP=${gdp.raw}, ICOR=${icor.raw}`,
                result: f.icor.investment.ok ? f.icor.investment.value : null,
                gap: null,
              });
              return {
                id: row.id,
                name: row.name,
                unit: row.unit,
                department: row.department,
                author: map instanceof Y.Map ? attribution(map).author : SERVER_AUTHOR,
                actuals: Object.fromEntries(
                  actualSeries(row, settings.pastYears).map((p) => [String(p.year), p.value]),
                ),
                plan: evaluation.plan.value,
                actual: evaluation.actual.value,
                completion: evaluation.result.ok ? evaluation.result.percent : null,
                status: evaluation.result.ok ? evaluation.result.status : null,
                target: f.target.value,
                forecasts,
                largeGap: f.largeGap,
              };
            }),
          };
        },
      );
      record.indicators.push(table);
    }
  },
};
