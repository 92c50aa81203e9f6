<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>Union Square ice rink opens after warm-weather delay</title>
<meta property="og:title" content="Union Square ice rink opens after warm-weather delay">
<meta property="article:published_time" content="2026-01-22T12:00:00-08:00">
</head><body><main><article><header class="article--header"><div class="kicker"><span class="kicker-text">Things to do</span></div>
<h1 class="header-title">Union Square ice rink finally opens</h1>
<div class="header-byline"><span class="byl">By <a href="{{base:harborgazette}}/author/june-park/">June Park</a></span> <time datetime="2026-01-22T12:00:00-08:00">Jan 22, 2026</time></div></header>
<section class="body"><p>The ice rink at Union Square opened for the season on Thursday after a two-week delay caused by warm weather.</p>
<p>Skaters lined up before noon, and the first session sold out within minutes, according to the rink's operators.</p>
<p>The rink will stay open until mid-February, with late sessions on Friday and Saturday nights and a family hour on Sunday mornings.</p>
<p>Operators said the new cooling system used forty percent less electricity than the old one, which had to be replaced after last winter.</p>
<p>Tickets cost $18 for adults and $12 for children, and skate rental is included this year.</p></section></article></main></body></html>
