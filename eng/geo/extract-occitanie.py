#!/usr/bin/env python3
"""Regenerates the website's geography of Occitanie from a checkout of gregoiredavid/france-geojson
(IGN Admin Express, Licence Ouverte / Etalab):

  web/TiersLieux.Web/wwwroot/geo/occitanie-departements.geojson  the 13 départements' outlines (the map's offline base)
  web/TiersLieux.Web/Geo/occitanie-communes.json                 every commune: INSEE code, name, centre (lat, lon)

Usage: eng/geo/extract-occitanie.py <france-geojson checkout> <repository root>
Coordinates are rounded to 0.001° for outlines (about 100 m) and 0.0001° for centres: enough for a regional map.
"""
import json
import pathlib
import sys

DEPARTMENTS = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]


def rounded(coordinates, digits):
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], digits), round(coordinates[1], digits)]
    return [rounded(part, digits) for part in coordinates]


def ring_centre(ring):
    """Area-weighted centre of a closed ring (x = longitude, y = latitude) and its signed area."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring), 0.0
    return cx / (3 * area), cy / (3 * area), area / 2


def main(source, root):
    source, root = pathlib.Path(source), pathlib.Path(root)
    france = json.loads((source / "departements-version-simplifiee.geojson").read_text(encoding="utf-8"))
    outlines = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": f["properties"]["code"], "nom": f["properties"]["nom"]},
             "geometry": {"type": f["geometry"]["type"], "coordinates": rounded(f["geometry"]["coordinates"], 3)}}
            for f in sorted(france["features"], key=lambda f: f["properties"]["code"]) if f["properties"]["code"] in DEPARTMENTS
        ],
    }
    communes = []
    for code in DEPARTMENTS:
        path = next((source / "departements").glob(f"{code}-*/communes-{code}-*.geojson"))
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            lon, lat, _ = max((ring_centre(polygon[0]) for polygon in polygons), key=lambda c: abs(c[2]))
            communes.append([feature["properties"]["code"], feature["properties"]["nom"], round(lat, 4), round(lon, 4)])
    communes.sort(key=lambda c: c[0])
    (root / "web/TiersLieux.Web/wwwroot/geo/occitanie-departements.geojson").write_text(
        json.dumps(outlines, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (root / "web/TiersLieux.Web/Geo/occitanie-communes.json").write_text(
        json.dumps(communes, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(outlines['features'])} départements, {len(communes)} communes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
