// Extracts the national borders around the province from Natural Earth (via npm world-atlas)
// into data/borders-area.tsv, which the binary embeds for its server-drawn SVG maps.
//   node scripts/borders-extract.mjs PATH/TO/world-atlas/countries-10m.json [OUT.tsv]
// topojson-client must be resolvable from the json's node_modules (install both in a temp dir:
//   npm init -y && npm install world-atlas topojson-client).
// Output: '#' comment lines, then one line per ring: ISO_A2 TAB lon,lat lon,lat ...
// (closed polygon rings, first point not repeated at the end, clipped to BBOX).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [, , src, outArg] = process.argv;
if (!src) {
    console.error("usage: node scripts/borders-extract.mjs countries-10m.json [out.tsv]");
    process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const out = outArg || resolve(here, "../data/borders-area.tsv");

// Resolve the packages next to the data file, so nothing is installed into the repo.
const req = createRequire(resolve(src));
const topojson = req("topojson-client");
let version = "?";
try {
    version = JSON.parse(readFileSync(resolve(dirname(src), "package.json"), "utf8")).version;
} catch {
    /* the data file was copied out of its package: version unknown */
}
let neVersion = ""; // world-atlas's README names the Natural Earth version it redistributes
try {
    const m = readFileSync(resolve(dirname(src), "README.md"), "utf8").match(/Natural Earth.{0,200}?version (\d+\.\d+\.\d+)/s);
    if (m) neVersion = ` ${m[1]}`;
} catch {
    /* no README: the version is left out */
}

// Generous around the province (13.9-15.4 N, 107.4-109.2 E), so maps may fit points near it.
const BBOX = { west: 105.5, south: 12.5, east: 110.0, north: 16.5 };
const CODES = { 704: "VN", 418: "LA", 116: "KH", 764: "TH" };
const SIMPLIFY_OVER = 150 * 1024; // bytes; then Douglas-Peucker at TOLERANCE
const TOLERANCE = 0.002; // degrees

// Sutherland-Hodgman against each edge of the box in turn: the result stays one closed
// polygon (possibly with zero-width bridges along the box edge), which is fine for filling.
function clip(ring) {
    const edges = [
        [(p) => p[0] >= BBOX.west, (a, b) => cutX(a, b, BBOX.west)],
        [(p) => p[0] <= BBOX.east, (a, b) => cutX(a, b, BBOX.east)],
        [(p) => p[1] >= BBOX.south, (a, b) => cutY(a, b, BBOX.south)],
        [(p) => p[1] <= BBOX.north, (a, b) => cutY(a, b, BBOX.north)],
    ];
    let pts = ring;
    for (const [inside, cut] of edges) {
        if (!pts.length) break;
        const res = [];
        for (let i = 0; i < pts.length; i++) {
            const cur = pts[i];
            const prev = pts[(i + pts.length - 1) % pts.length];
            if (inside(cur)) {
                if (!inside(prev)) res.push(cut(prev, cur));
                res.push(cur);
            } else if (inside(prev)) {
                res.push(cut(prev, cur));
            }
        }
        pts = res;
    }
    return pts;
}
function cutX(a, b, x) {
    return [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
}
function cutY(a, b, y) {
    return [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
}

const r4 = (v) => Math.round(v * 1e4) / 1e4;

// Rounds, drops consecutive duplicates (also the closing point), and drops rings that have
// no area left (fewer than 3 distinct points).
function tidy(pts) {
    const res = [];
    for (const p of pts) {
        const q = [r4(p[0]), r4(p[1])];
        const last = res[res.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) res.push(q);
    }
    while (res.length > 1 && res[0][0] === res[res.length - 1][0] && res[0][1] === res[res.length - 1][1])
        res.pop();
    return res.length >= 3 ? res : null;
}

function douglasPeucker(pts, tol) {
    if (pts.length < 4) return pts;
    const keep = new Uint8Array(pts.length);
    keep[0] = keep[pts.length - 1] = 1;
    const stack = [[0, pts.length - 1]];
    while (stack.length) {
        const [i, j] = stack.pop();
        const [ax, ay] = pts[i], [bx, by] = pts[j];
        const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
        let best = -1, bestD = 0;
        for (let k = i + 1; k < j; k++) {
            const [px, py] = pts[k];
            const d = len ? Math.abs(dy * (px - ax) - dx * (py - ay)) / len : Math.hypot(px - ax, py - ay);
            if (d > bestD) { bestD = d; best = k; }
        }
        if (best > 0 && bestD > tol) {
            keep[best] = 1;
            stack.push([i, best], [best, j]);
        }
    }
    return pts.filter((_, k) => keep[k]);
}

const topo = JSON.parse(readFileSync(src, "utf8"));
const rings = []; // [code, points]
for (const g of topo.objects.countries.geometries) {
    const code = CODES[Number(g.id)];
    if (!code) continue;
    const f = topojson.feature(topo, g);
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys)
        for (const ring of poly) {
            const t = tidy(clip(ring));
            if (t) rings.push([code, t]);
        }
}
rings.sort((a, b) => a[0].localeCompare(b[0]));

const cmd = `(in a temp dir TMP) npm install world-atlas@${version} topojson-client; ` +
    "node scripts/borders-extract.mjs TMP/node_modules/world-atlas/countries-10m.json";
const header = [
    `# Source: Natural Earth${neVersion} 1:10m Admin 0 - Countries, via npm world-atlas ${version} (countries-10m.json)`,
    "# Licence: public domain (Natural Earth); world-atlas is ISC-licensed.",
    `# bbox: ${BBOX.west},${BBOX.south},${BBOX.east},${BBOX.north} (west,south,east,north; rings clipped to it)`,
    "# Countries: VN=704 LA=418 KH=116 TH=764 (ISO 3166 numeric ids in world-atlas)",
    `# Regenerated by: ${cmd}`,
    "# Format: ISO_A2 TAB lon,lat lon,lat ... (one closed ring a line, 4 decimals)",
];
const write = (rs, note) => {
    const lines = header.concat(note ? [note] : []);
    for (const [code, pts] of rs) lines.push(code + "\t" + pts.map((p) => p[0] + "," + p[1]).join(" "));
    return lines.join("\n") + "\n";
};
let text = write(rings);
if (text.length > SIMPLIFY_OVER) {
    const simple = [];
    for (const [code, pts] of rings) {
        // Close the ring for the simplification so its first point is kept as an anchor.
        const s = douglasPeucker(pts.concat([pts[0]]), TOLERANCE);
        s.pop();
        if (s.length >= 3) simple.push([code, s]);
    }
    text = write(simple, `# Simplified: Douglas-Peucker, tolerance ${TOLERANCE} degrees`);
}
writeFileSync(out, text);
const count = {};
for (const line of text.split("\n")) if (line && line[0] !== "#") count[line.slice(0, 2)] = (count[line.slice(0, 2)] || 0) + 1;
console.log(`${out}: ${text.length} bytes, rings ${JSON.stringify(count)}`);
