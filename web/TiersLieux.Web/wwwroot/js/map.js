// The map of the places that match the page's filters: one marker per place (clustered when zoomed out), opening its
// card. The markers come from the site once the page is shown (data-source), so a long list does not hold the page.
// Without a tile server (Site:TileUrl) it draws the places on a plain background, which needs no network.
(function () {
  var element = document.getElementById('carte');
  if (!element || !window.L) { return; }
  var map = L.map(element, { scrollWheelZoom: false, minZoom: 5, maxZoom: 18 }).setView([43.7, 2.4], 7);
  var target = element.dataset.target;
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 18 }).addTo(map);
  }
  // The base that ships with the site: Occitanie's départements, drawn under the markers, with or without tiles.
  if (element.dataset.base && window.fetch) {
    fetch(element.dataset.base).then(function (answer) { return answer.ok ? answer.json() : null; }).then(function (outlines) {
      if (!outlines) { return; }
      var layer = L.geoJSON(outlines, {
        style: { color: '#0b5d7a', weight: 1, fillColor: '#ffffff', fillOpacity: element.dataset.tiles ? 0 : 0.7 },
        interactive: false,
        attribution: 'Contours : IGN Admin Express (Licence Ouverte)'
      }).addTo(map);
      layer.bringToBack();
    });
  }
  function card(place, types) {
    var content = document.createElement('div');
    var link = document.createElement('a');
    link.href = '/lieux/' + place[0];
    if (target) { link.target = target; link.rel = 'noopener'; }
    link.textContent = place[1];
    var kind = document.createElement('p');
    kind.textContent = types[place[4]] || place[4];
    content.appendChild(link);
    content.appendChild(kind);
    return content;
  }
  if (!element.dataset.source || !window.fetch) { return; }
  fetch(element.dataset.source).then(function (answer) { return answer.ok ? answer.json() : null; }).then(function (markers) {
    if (!markers) { element.dataset.state = 'unavailable'; return; }
    // Chunked: thousands of markers are added without freezing the page; a card is made when its popup opens.
    var cluster = L.markerClusterGroup({ chunkedLoading: true });
    cluster.addLayers(markers.places.map(function (place) {
      var marker = L.marker([place[2], place[3]], { title: place[1], alt: place[1] });
      marker.bindPopup(function () { return card(place, markers.types); });
      return marker;
    }));
    map.addLayer(cluster);
    if (markers.places.length > 0) {
      // From the data: the chunked cluster does not hold every marker yet.
      map.fitBounds(L.latLngBounds(markers.places.map(function (place) { return [place[2], place[3]]; })), { padding: [20, 20], maxZoom: 13 });
    }
    element.dataset.state = 'ready';
  });
})();
