<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>How much does ICE pay Silicon Valley? Records show $410 million in tech contracts</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Procurement records show dozens of deals, most of them not labeled as software.">
<link rel="canonical" href="{{base:harborgazette}}/tech/article/ice-contracts-silicon-valley-analysis-21302210.php">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Harbor Gazette">
<meta property="og:title" content="How much does ICE pay Silicon Valley? Records show $410 million in tech contracts">
<meta property="og:url" content="{{base:harborgazette}}/tech/article/ice-contracts-silicon-valley-analysis-21302210.php">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="How much does ICE pay Silicon Valley? Records show $410 million in tech contracts">
<meta name="sailthru.title" content="How much does ICE pay Silicon Valley? Records show $410 million in tech contracts">
<meta name="sailthru.author" content="Theo Lindgren">
<meta name="sailthru.date" content="2026-01-20T10:30:00-08:00">
<meta property="article:published_time" content="2026-01-20T10:30:00-08:00">
<meta property="article:section" content="Tech">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "How much does ICE pay Silicon Valley? Records show $410 million in tech contracts", "url": "{{base:harborgazette}}/tech/article/ice-contracts-silicon-valley-analysis-21302210.php", "datePublished": "2026-01-20T10:30:00-08:00", "dateModified": "2026-01-20T10:30:00-08:00", "articleSection": "Tech", "author": [{"@type": "Person", "name": "Theo Lindgren"}], "publisher": {"@type": "NewsMediaOrganization", "name": "The Harbor Gazette", "logo": {"@type": "ImageObject", "url": "{{base:harborgazette}}/img/logo.png"}}}</script>
</head>
<body class="article-page hdn-article">
<div class="hdn-masthead"><a class="hdn-logo" href="{{base:harborgazette}}/" aria-label="The Harbor Gazette home"><svg role="img"><title>The Harbor Gazette</title></svg></a>
<nav class="hdn-nav"><a href="{{base:harborgazette}}/local/">Local</a> <a href="{{base:harborgazette}}/tech/">Tech</a> <a href="{{base:harborgazette}}/politics/">Politics</a> <a href="{{base:harborgazette}}/opinion/">Opinion</a> <a href="{{base:harborgazette}}/sports/">Sports</a></nav>
<a class="hdn-subscribe" href="{{base:harborgazette}}/subscribe/">Subscribe</a> <a class="hdn-signin" href="{{base:harborgazette}}/login/">Sign In</a></div>
<main class="hdn-main" role="main">
<article class="article-body-wrapper">
<header class="article--header">
<div class="breadcrumbs"><a href="{{base:harborgazette}}/tech/">Tech</a></div>
<div class="kicker"><span class="kicker-text">Analysis</span></div>
<h1 class="header-title">ICE’s contracts with Silicon Valley are bigger than they look</h1>
<h2 class="header-dek">Procurement records show dozens of deals, most of them not labeled as software.</h2>
<div class="header-byline"><span class="byl">By <a href="{{base:harborgazette}}/author/theo-lindgren/" class="byl-author">Theo Lindgren</a>, <span class="byl-role">Data Reporter</span></span>
<span class="header-timestamp"><time datetime="2026-01-20T10:30:00-08:00">Jan 20, 2026</time></span></div>
<div class="share-bar"><a class="share-facebook" href="#">Facebook</a> <a class="share-x" href="#">X</a> <a class="share-email" href="#">Email</a> <button class="share-comments">Comments</button></div>
</header>
<figure class="lead-photo"><img src="{{base:harborgazette}}/img/lead.jpg" alt=""><figcaption>Workers outside a tech campus in Mountain View. <span class="credit">Photo: Lea Suzuki/The Harbor Gazette</span></figcaption></figure>
<section class="body">
<p>Public procurement records show that Immigration and Customs Enforcement signed at least 38 contracts with technology companies in the last fiscal year, worth more than $410 million combined.</p>
<p>Most are not marked as software. They appear as data subscriptions, cloud hosting credits, license renewals and consulting hours, spread across several budget lines.</p>
<p>The largest single award, a $96 million agreement for case-management software, was renewed in September without a public announcement.</p>
<div class="ad-slot" data-slot="mid">Advertisement</div>
<div class="newsletter-inline"><h4>Tech Briefing</h4><p>Get the day’s biggest tech stories in your inbox every weekday morning.</p><a href="{{base:harborgazette}}/newsletters/">Sign up</a></div>
<p>Researchers at a Berkeley policy clinic who compiled the records said the true figure was likely higher because subcontracts are not always reported.</p>
<p>That makes it hard for employees to know whether their own work touches the agency, one of the demands at the center of the workers' letter.</p>
<p>The agency said in a statement that it buys commercial technology “in accordance with federal acquisition rules.”</p>
</section>
<footer class="article-footer"><p class="byl-bio">Reach Theo Lindgren: theo@harborgazette.example; X: @TheoLindgren</p></footer>
</article>
<aside class="top-stories"><h3>Top Stories</h3><ul><li><a href="{{base:harborgazette}}/local/article/muni-fares-21300001.php">Muni fares to rise in July</a></li><li><a href="{{base:harborgazette}}/sports/article/kings-rink-opens-21301234.php">Union Square ice rink finally opens</a></li></ul></aside>
</main>
<footer class="hdn-footer"><p>&copy; 2026 Hearthstone Media. All rights reserved.</p></footer>
</body></html>
