/** The text side of a slide: caption, headline figures, sentences, table and trend, all from the story. */
import type { StorySlide, StoryStep } from '../../core/index.ts';
import { SlideTrendChart } from '../charts/SlideTrendChart.tsx';

export function SlideContent({ slide, step, stepIndex }: { slide: StorySlide; step: StoryStep; stepIndex: number }) {
  // The overview caption repeats the first sentence; later steps (clusters) put theirs first.
  const lines = stepIndex === 0 && slide.lines[0] === step.caption ? slide.lines.slice(1) : slide.lines;
  return (
    <>
      <p className="slide-caption" data-testid="slide-caption">
        {step.caption}
      </p>
      {step.details.map((detail) => (
        <p key={detail} className="slide-detail">
          {detail}
        </p>
      ))}
      {slide.figures.length > 0 && (
        <dl className="figures">
          {slide.figures.map((figure) => (
            <div key={figure.label} className="figure">
              <dt>{figure.label}</dt>
              <dd>
                <strong>{figure.value}</strong>
                {figure.note && <small>{figure.note}</small>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {slide.trend.length > 1 && <SlideTrendChart values={slide.trend} />}
      {stepIndex === 0 && lines.length > 0 && (
        <ul className="slide-lines" data-testid="slide-lines">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {slide.steps.length > 1 && (
        <p className="step-count">
          {stepIndex === 0 ? `按 → 逐个查看 ${slide.steps.length - 1} 个片区` : `${stepIndex} / ${slide.steps.length - 1}`}
        </p>
      )}
      {slide.table && slide.table.rows.length > 0 && (
        <table className="slide-table" data-testid="slide-table">
          <thead>
            <tr>
              {slide.table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slide.table.rows.map((row) => (
              <tr key={row.join('|')}>
                {row.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
