/**
 * The 抄告单 as an A4 page: "一式三份，分别送市创建办、市属部门及留底" — three identical copies
 * stacked on one portrait page, each labelled with its copy, separated by dashed cut lines.
 * Drawn with the project's one PDF writer (src/export/pdf-pages.ts; text in STSong-Light).
 */
import { pdfColor, pdfDocument, pdfText, pdfTextWidth } from '../../export/pdf-pages.ts';
import type { ReferralSlip } from '../../core/index.ts';

/** A4 portrait in points. */
export const A4_PORTRAIT_PT: readonly [number, number] = [595.28, 841.89];
const MARGIN = 40;
const COPY_NUMBERS = ['第一联', '第二联', '第三联'];

/** `text` broken into lines no wider than `widthPt` at `sizePt`. */
function wrap(text: string, widthPt: number, sizePt: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (char === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (pdfTextWidth(line + char, sizePt) > widthPt) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line) lines.push(line);
  return lines;
}

/** The operators of one copy in the band from `top` down `height` points. */
function copyContent(slip: ReferralSlip, copy: number, top: number, height: number, width: number): string {
  const right = width - MARGIN;
  const textWidth = right - MARGIN;
  let out = pdfColor('#000000');
  const title = '抄  告  单';
  out += pdfText(title, (width - pdfTextWidth(title, 18)) / 2, top - 40, 18);
  const label = `${COPY_NUMBERS[copy]}  ${slip.copies[copy]}`;
  out += pdfText(label, right - pdfTextWidth(label, 9), top - 22, 9);
  out += pdfText(slip.number, (width - pdfTextWidth(slip.number, 10)) / 2, top - 58, 10);
  let y = top - 82;
  out += pdfText(`${slip.department}：`, MARGIN, y, 11);
  y -= 16;
  const body = `经督查，${slip.street}${slip.community}存在以下问题（问题第 ${slip.caseNumber} 号，${slip.category}）：${slip.problem}。位置：${slip.location}。${slip.request}当前状态：${slip.state}。`;
  for (const line of wrap(body, textWidth - 22, 10).slice(0, 6)) {
    out += pdfText(line, MARGIN + (y === top - 98 ? 22 : 0), y, 10);
    y -= 14;
  }
  // Contacts: as many as fit above the footer.
  const bottom = top - height + 40;
  y -= 4;
  out += pdfText('联系记录：', MARGIN, y, 9);
  y -= 12;
  const lines = slip.contacts.flatMap((contact) => wrap(`${contact.at.slice(0, 16).replace('T', ' ')}  ${contact.actor}  ${contact.text}`, textWidth - 10, 8));
  const room = Math.max(0, Math.floor((y - bottom) / 10) + 1);
  const shown = lines.length > room ? [...lines.slice(0, Math.max(0, room - 1)), `……另有 ${lines.length - room + 1} 行记录，见系统中的问题页`] : lines;
  for (const line of shown) {
    out += pdfText(line, MARGIN + 10, y, 8);
    y -= 10;
  }
  const footer = `${slip.office}（盖章）   ${slip.issuedOn}`;
  out += pdfText(footer, right - pdfTextWidth(footer, 10), top - height + 20, 10);
  return out;
}

/** PDF bytes: one A4 page with the slip's three copies and two dashed cut lines. */
export function referralSlipPdf(slip: ReferralSlip): Uint8Array {
  const [width, height] = A4_PORTRAIT_PT;
  const band = height / 3;
  let content = '';
  for (let copy = 0; copy < 3; copy++) content += copyContent(slip, copy, height - copy * band, band, width);
  for (let cut = 1; cut < 3; cut++) {
    const y = height - cut * band;
    content += `q ${pdfColor('#888888', true).trim()} 0.6 w [6 4] 0 d ${MARGIN / 2} ${y.toFixed(2)} m ${(width - MARGIN / 2).toFixed(2)} ${y.toFixed(2)} l S Q\n`;
    content += pdfColor('#888888') + pdfText('沿此线剪开', width - MARGIN / 2 - pdfTextWidth('沿此线剪开', 7), y + 3, 7);
  }
  return pdfDocument([{ size: A4_PORTRAIT_PT, images: [], content }]);
}
