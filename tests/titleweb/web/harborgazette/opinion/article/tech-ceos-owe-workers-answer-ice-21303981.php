<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Opinion: Tech CEOs owe their workers an answer on ICE</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Opinion: Tech CEOs owe their workers an answer on ICE">
<link rel="canonical" href="{{base:harborgazette}}/opinion/article/tech-ceos-owe-workers-answer-ice-21303981.php">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Harbor Gazette">
<meta property="og:title" content="Opinion: Tech CEOs owe their workers an answer on ICE">
<meta property="og:url" content="{{base:harborgazette}}/opinion/article/tech-ceos-owe-workers-answer-ice-21303981.php">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="Opinion: Tech CEOs owe their workers an answer on ICE">
<meta name="sailthru.title" content="Opinion: Tech CEOs owe their workers an answer on ICE">
<meta name="sailthru.author" content="Daniel Reyes">
<meta name="sailthru.date" content="2026-01-21T04:00:00-08:00">
<meta property="article:published_time" content="2026-01-21T04:00:00-08:00">
<meta property="article:section" content="Opinion">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Opinion: Tech CEOs owe their workers an answer on ICE", "url": "{{base:harborgazette}}/opinion/article/tech-ceos-owe-workers-answer-ice-21303981.php", "datePublished": "2026-01-21T04:00:00-08:00", "dateModified": "2026-01-21T04:00:00-08:00", "articleSection": "Opinion", "author": [{"@type": "Person", "name": "Daniel Reyes"}], "publisher": {"@type": "NewsMediaOrganization", "name": "The Harbor Gazette", "logo": {"@type": "ImageObject", "url": "{{base:harborgazette}}/img/logo.png"}}}</script>
</head>
<body class="article-page hdn-article">
<div class="hdn-masthead"><a class="hdn-logo" href="{{base:harborgazette}}/" aria-label="The Harbor Gazette home"><svg role="img"><title>The Harbor Gazette</title></svg></a>
<nav class="hdn-nav"><a href="{{base:harborgazette}}/local/">Local</a> <a href="{{base:harborgazette}}/tech/">Tech</a> <a href="{{base:harborgazette}}/politics/">Politics</a> <a href="{{base:harborgazette}}/opinion/">Opinion</a> <a href="{{base:harborgazette}}/sports/">Sports</a></nav>
<a class="hdn-subscribe" href="{{base:harborgazette}}/subscribe/">Subscribe</a> <a class="hdn-signin" href="{{base:harborgazette}}/login/">Sign In</a></div>
<main class="hdn-main" role="main">
<article class="article-body-wrapper">
<header class="article--header">
<div class="breadcrumbs"><a href="{{base:harborgazette}}/opinion/">Opinion</a></div>
<div class="kicker"><span class="kicker-text">Opinion</span></div>
<h1 class="header-title">Tech CEOs owe their workers an answer on ICE</h1>

<div class="header-byline"><span class="byl">By <a href="{{base:harborgazette}}/author/daniel-reyes/" class="byl-author">Daniel Reyes</a>, <span class="byl-role">Contributor</span></span>
<span class="header-timestamp"><time datetime="2026-01-21T04:00:00-08:00">Jan 21, 2026</time></span></div>
<div class="share-bar"><a class="share-facebook" href="#">Facebook</a> <a class="share-x" href="#">X</a> <a class="share-email" href="#">Email</a> <button class="share-comments">Comments</button></div>
</header>
<figure class="lead-photo"><img src="{{base:harborgazette}}/img/lead.jpg" alt=""><figcaption>Workers outside a tech campus in Mountain View. <span class="credit">Photo: Lea Suzuki/The Harbor Gazette</span></figcaption></figure>
<section class="body">
<p>Every engineer I know has a story about a meeting where someone asked what a feature would be used for and nobody answered.</p>
<p>That silence is the subject of the letter that hundreds of tech workers sent to their employers this week. They asked a simple question: what do our products do for Immigration and Customs Enforcement?</p>
<p>The companies have answered with nothing. No statement, no town hall, no explanation of which contracts exist and which teams work on them.</p>
<div class="ad-slot" data-slot="mid">Advertisement</div>
<div class="newsletter-inline"><h4>Tech Briefing</h4><p>Get the day’s biggest tech stories in your inbox every weekday morning.</p><a href="{{base:harborgazette}}/newsletters/">Sign up</a></div>
<p>Executives who spent the past year courting the White House cannot now claim they have no leverage over how the administration runs its immigration crackdown.</p>
<p>Workers are not asking for a political endorsement. They are asking to know what they build, and to have a say in whether it is used to detain people.</p>
<p>Chief executives owe them an answer, and they owe it in public.</p>
</section>
<footer class="article-footer"><p class="byl-bio">Reach Daniel Reyes: daniel@harborgazette.example; X: @DanielReyes</p></footer>
</article>
<aside class="top-stories"><h3>Top Stories</h3><ul><li><a href="{{base:harborgazette}}/local/article/muni-fares-21300001.php">Muni fares to rise in July</a></li><li><a href="{{base:harborgazette}}/sports/article/kings-rink-opens-21301234.php">Union Square ice rink finally opens</a></li></ul></aside>
</main>
<footer class="hdn-footer"><p>&copy; 2026 Hearthstone Media. All rights reserved.</p></footer>
</body></html>
