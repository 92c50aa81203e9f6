<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>LIVE UPDATES: Bay Area tech workers walk out over ICE contracts</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Employees at Google, Salesforce and a dozen startups left their desks at noon. Follow along here.">
<link rel="canonical" href="{{base:harborgazette}}/tech/article/live-bay-area-tech-walkout-ice-21304901.php">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Harbor Gazette">
<meta property="og:title" content="LIVE UPDATES: Bay Area tech workers walk out over ICE contracts">
<meta property="og:url" content="{{base:harborgazette}}/tech/article/live-bay-area-tech-walkout-ice-21304901.php">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="LIVE UPDATES: Bay Area tech workers walk out over ICE contracts">
<meta name="sailthru.title" content="LIVE UPDATES: Bay Area tech workers walk out over ICE contracts">
<meta name="sailthru.author" content="Maya Okafor">
<meta name="sailthru.date" content="2026-01-23T12:05:00-08:00">
<meta property="article:published_time" content="2026-01-23T12:05:00-08:00">
<meta property="article:section" content="Tech">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "LIVE UPDATES: Bay Area tech workers walk out over ICE contracts", "url": "{{base:harborgazette}}/tech/article/live-bay-area-tech-walkout-ice-21304901.php", "datePublished": "2026-01-23T12:05:00-08:00", "dateModified": "2026-01-23T12:05:00-08:00", "articleSection": "Tech", "author": [{"@type": "Person", "name": "Maya Okafor"}], "publisher": {"@type": "NewsMediaOrganization", "name": "The Harbor Gazette", "logo": {"@type": "ImageObject", "url": "{{base:harborgazette}}/img/logo.png"}}}</script>
</head>
<body class="article-page hdn-article">
<div class="hdn-masthead"><a class="hdn-logo" href="{{base:harborgazette}}/" aria-label="The Harbor Gazette home"><svg role="img"><title>The Harbor Gazette</title></svg></a>
<nav class="hdn-nav"><a href="{{base:harborgazette}}/local/">Local</a> <a href="{{base:harborgazette}}/tech/">Tech</a> <a href="{{base:harborgazette}}/politics/">Politics</a> <a href="{{base:harborgazette}}/opinion/">Opinion</a> <a href="{{base:harborgazette}}/sports/">Sports</a></nav>
<a class="hdn-subscribe" href="{{base:harborgazette}}/subscribe/">Subscribe</a> <a class="hdn-signin" href="{{base:harborgazette}}/login/">Sign In</a></div>
<main class="hdn-main" role="main">
<article class="article-body-wrapper">
<header class="article--header">
<div class="breadcrumbs"><a href="{{base:harborgazette}}/tech/">Tech</a></div>
<div class="kicker"><span class="kicker-text">Live coverage</span></div>
<h1 class="header-title"><span class="live-badge">LIVE</span> Tech workers walk off the job across the Bay Area</h1>
<h2 class="header-dek">Employees at Google, Salesforce and a dozen startups left their desks at noon. Follow along here.</h2>
<div class="header-byline"><span class="byl">By <a href="{{base:harborgazette}}/author/maya-okafor/" class="byl-author">Maya Okafor</a>, <span class="byl-role">Staff Writer</span></span>
<span class="header-timestamp"><time datetime="2026-01-23T12:05:00-08:00">Jan 23, 2026</time></span><span class="header-updated">Updated Jan 23, 2026 3:40 p.m.</span></div>
<div class="share-bar"><a class="share-facebook" href="#">Facebook</a> <a class="share-x" href="#">X</a> <a class="share-email" href="#">Email</a> <button class="share-comments">Comments</button></div>
</header>
<figure class="lead-photo"><img src="{{base:harborgazette}}/img/lead.jpg" alt=""><figcaption>Workers outside a tech campus in Mountain View. <span class="credit">Photo: Lea Suzuki/The Harbor Gazette</span></figcaption></figure>
<section class="body">
<p>Engineers at a dozen Bay Area companies signed the open letter against Immigration and Customs Enforcement contracts this week, organizers told us.</p>
<p>State of play: Signers include staff at Salesforce, Nvidia and OpenAI, plus a growing group of retired engineers from Apple and Intel.</p>
<p>Organizers are planning a lunchtime rally outside a cloud company's San Francisco office on Tuesday.</p>
<div class="ad-slot" data-slot="mid">Advertisement</div>
<div class="newsletter-inline"><h4>Tech Briefing</h4><p>Get the day’s biggest tech stories in your inbox every weekday morning.</p><a href="{{base:harborgazette}}/newsletters/">Sign up</a></div>
<p>Zoom in: Several signers said they joined after a colleague on a work visa was detained by ICE officers at a traffic stop in San Jose.</p>
<p>San Francisco supervisors are expected to introduce a resolution supporting the workers at their next meeting.</p>
<p>Yes, but: Organizers concede that 5,000 signatures is a small share of an industry that employs hundreds of thousands of people in the region.</p>
</section>
<footer class="article-footer"><p class="byl-bio">Reach Maya Okafor: maya@harborgazette.example; X: @MayaOkafor</p></footer>
</article>
<aside class="top-stories"><h3>Top Stories</h3><ul><li><a href="{{base:harborgazette}}/local/article/muni-fares-21300001.php">Muni fares to rise in July</a></li><li><a href="{{base:harborgazette}}/sports/article/kings-rink-opens-21301234.php">Union Square ice rink finally opens</a></li></ul></aside>
</main>
<footer class="hdn-footer"><p>&copy; 2026 Hearthstone Media. All rights reserved.</p></footer>
</body></html>
