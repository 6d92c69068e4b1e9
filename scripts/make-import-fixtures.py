#!/usr/bin/env python3
"""Writes the encoded import fixtures in test/fixtures/import (committed; rerun to regenerate).

Node has no GBK encoder, so the GBK/GB18030/UTF-16 bytes and the Shapefile with a GBK .dbf are
written here with Python's codecs and struct. Run: python3 scripts/make-import-fixtures.py
"""
import io
import os
import struct
import zipfile

ROOT = os.path.join(os.path.dirname(__file__), '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'import')
os.makedirs(OUT, exist_ok=True)


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


# 1. The Lucheng status table with 集善社区 (330302032007) designated too, in GBK (no BOM):
#    the file Chinese Excel writes with "CSV (逗号分隔)". Designating it joins two clusters.
with open(os.path.join(ROOT, 'data', 'lucheng', 'status.csv'), encoding='utf-8-sig') as f:
    lines = f.read().splitlines()
header = lines[0].split(',')
demo = header.index('精品示范社区')
# Excel's GBK has no '²': the unit is written out, as Chinese sheets do (the header still matches).
out = [lines[0].replace('(m²)', '(平方米)')]
for line in lines[1:]:
    cells = line.split(',')
    if cells[0] == '330302032007':
        assert cells[demo] == '否', cells
        cells[demo] = '是'
    out.append(','.join(cells))
write('status-lucheng-gbk.csv', ('\r\n'.join(out) + '\r\n').encode('gbk'))

# 2. Small tables in GB18030 (with a character outside GBK, 4 bytes) and UTF-16 LE/BE with BOM.
small = '社区代码,社区名称,精品示范社区,责任人\r\n330302006044,鼓楼社区,是,张㐀\r\n330302006045,墨池社区,否,李𠀀\r\n'
write('status-gb18030.csv', small.encode('gb18030'))
write('status-utf16le.csv', b'\xff\xfe' + small.encode('utf-16-le'))
write('status-utf16be.csv', b'\xfe\xff' + small.encode('utf-16-be'))
write('status-utf8-bom.csv', b'\xef\xbb\xbf' + small.encode('utf-8'))


# 3. A zipped Shapefile of two unit squares whose .dbf text is GBK (no .cpg; header byte 0x4D = cp936).
def shp_polygons(polys):
    records = b''
    for i, ring in enumerate(polys):
        points = b''.join(struct.pack('<2d', x, y) for x, y in ring)
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        content = struct.pack('<i4d2i', 5, min(xs), min(ys), max(xs), max(ys), 1, len(ring)) + struct.pack('<i', 0) + points
        records += struct.pack('>2i', i + 1, len(content) // 2) + content
    allx = [p[0] for r in polys for p in r]
    ally = [p[1] for r in polys for p in r]

    def header(length):
        return struct.pack('>7i', 9994, 0, 0, 0, 0, 0, length // 2) + struct.pack('<2i', 1000, 5) + struct.pack('<8d', min(allx), min(ally), max(allx), max(ally), 0, 0, 0, 0)
    return header(100 + len(records)) + records


def dbf(fields, rows, encoding, ldid):
    # fields: (name, type, length); text encoded with `encoding`.
    header_len = 32 + 32 * len(fields) + 1
    record_len = 1 + sum(f[2] for f in fields)
    out = struct.pack('<4BIHH20x', 3, 126, 1, 1, len(rows), header_len, record_len)
    out = out[:29] + bytes([ldid]) + out[30:]
    for name, kind, length in fields:
        out += name.encode('ascii').ljust(11, b'\0') + kind.encode('ascii') + b'\0' * 4 + bytes([length, 0]) + b'\0' * 14
    out += b'\r'
    for row in rows:
        out += b' '
        for (name, kind, length), value in zip(fields, row):
            data = str(value).encode(encoding)
            out += data.rjust(length, b' ') if kind == 'N' else data.ljust(length, b' ')
    return out + b'\x1a'


squares = [[(120.60, 28.00), (120.60, 28.01), (120.61, 28.01), (120.61, 28.00), (120.60, 28.00)],
           [(120.61, 28.00), (120.61, 28.01), (120.62, 28.01), (120.62, 28.00), (120.61, 28.00)]]
shp = shp_polygons(squares)
table = dbf([('code', 'C', 12), ('name', 'C', 20), ('street', 'C', 20)],
            [('330302006044', '鼓楼社区', '五马街道'), ('330302006045', '墨池社区', '五马街道')], 'gbk', 0x4D)
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in [('communities.shp', shp), ('communities.dbf', table)]:
        info = zipfile.ZipInfo(name, date_time=(2002, 5, 24, 0, 0, 0))
        z.writestr(info, data)
write('communities-gbk-dbf.zip', buffer.getvalue())
# The same .dbf with no code-page byte and no .cpg: found by the gb18030 fallback.
write('communities-gbk-nold.dbf', table[:29] + b'\0' + table[30:])
write('communities.shp', shp)
print('wrote', sorted(os.listdir(OUT)))
