<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Bay Area tech workers sign letter demanding Apple, Google, Amazon cut ICE contracts</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Hundreds of engineers put their names to a letter their bosses have not answered.">
<link rel="canonical" href="{{base:harborgazette}}/tech/article/bay-area-tech-workers-ice-letter-21304455.php">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Harbor Gazette">
<meta property="og:title" content="Bay Area tech workers sign letter demanding Apple, Google, Amazon cut ICE contracts">
<meta property="og:url" content="{{base:harborgazette}}/tech/article/bay-area-tech-workers-ice-letter-21304455.php">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="Bay Area tech workers sign letter demanding Apple, Google, Amazon cut ICE contracts">
<meta name="sailthru.title" content="Bay Area tech workers sign letter demanding Apple, Google, Amazon cut ICE contracts">
<meta name="sailthru.author" content="Maya Okafor">
<meta name="sailthru.date" content="2026-01-22T17:05:00-08:00">
<meta property="article:published_time" content="2026-01-22T17:05:00-08:00">
<meta property="article:section" content="Tech">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bay Area tech workers sign letter demanding Apple, Google, Amazon cut ICE contracts", "url": "{{base:harborgazette}}/tech/article/bay-area-tech-workers-ice-letter-21304455.php", "datePublished": "2026-01-22T17:05:00-08:00", "dateModified": "2026-01-22T17:05:00-08:00", "articleSection": "Tech", "author": [{"@type": "Person", "name": "Maya Okafor"}], "publisher": {"@type": "NewsMediaOrganization", "name": "The Harbor Gazette", "logo": {"@type": "ImageObject", "url": "{{base:harborgazette}}/img/logo.png"}}}</script>
</head>
<body class="article-page hdn-article">
<div class="hdn-masthead"><a class="hdn-logo" href="{{base:harborgazette}}/" aria-label="The Harbor Gazette home"><svg role="img"><title>The Harbor Gazette</title></svg></a>
<nav class="hdn-nav"><a href="{{base:harborgazette}}/local/">Local</a> <a href="{{base:harborgazette}}/tech/">Tech</a> <a href="{{base:harborgazette}}/politics/">Politics</a> <a href="{{base:harborgazette}}/opinion/">Opinion</a> <a href="{{base:harborgazette}}/sports/">Sports</a></nav>
<a class="hdn-subscribe" href="{{base:harborgazette}}/subscribe/">Subscribe</a> <a class="hdn-signin" href="{{base:harborgazette}}/login/">Sign In</a></div>
<main class="hdn-main" role="main">
<article class="article-body-wrapper">
<header class="article--header">
<div class="breadcrumbs"><a href="{{base:harborgazette}}/tech/">Tech</a></div>
<div class="kicker"><span class="kicker-text">EXCLUSIVE</span></div>
<h1 class="header-title">‘This cannot continue’: Inside the tech revolt against ICE</h1>
<h2 class="header-dek">Hundreds of engineers put their names to a letter their bosses have not answered.</h2>
<div class="header-byline"><span class="byl">By <a href="{{base:harborgazette}}/author/maya-okafor/" class="byl-author">Maya Okafor</a>, <span class="byl-role">Staff Writer</span></span>
<span class="header-timestamp"><time datetime="2026-01-22T17:05:00-08:00">Jan 22, 2026</time></span><span class="header-updated">Updated Jan 22, 2026 6:14 p.m.</span></div>
<div class="share-bar"><a class="share-facebook" href="#">Facebook</a> <a class="share-x" href="#">X</a> <a class="share-email" href="#">Email</a> <button class="share-comments">Comments</button></div>
</header>
<figure class="lead-photo"><img src="{{base:harborgazette}}/img/lead.jpg" alt=""><figcaption>Workers outside a tech campus in Mountain View. <span class="credit">Photo: Lea Suzuki/The Harbor Gazette</span></figcaption></figure>
<section class="body">
<p>More than 400 employees of Apple, Google, Amazon, Microsoft and a dozen other companies have signed an open letter asking their chief executives to cancel every contract their employers hold with Immigration and Customs Enforcement.</p>
<p>The letter, posted at ICEout.tech, also asks the executives to speak out publicly against the violence of the agency's officers and to call the White House directly.</p>
<p>Organizers said about two thirds of the signers used their real names and job titles, a choice several of them described as frightening.</p>
<div class="ad-slot" data-slot="mid">Advertisement</div>
<div class="newsletter-inline"><h4>Tech Briefing</h4><p>Get the day’s biggest tech stories in your inbox every weekday morning.</p><a href="{{base:harborgazette}}/newsletters/">Sign up</a></div>
<p>“For months now, federal agents have been sent to our cities to criminalize our neighbors, friends, colleagues and family members,” the letter says. “This cannot continue, and we know the tech industry can make a difference.”</p>
<p>None of the companies named in the letter responded to requests for comment on Thursday. A spokesperson for one cloud provider said its agreements with federal agencies were reviewed regularly.</p>
<p>The organizers plan to deliver printed copies of the signatures to company offices in Mountain View, Seattle and Cupertino next week.</p>
</section>
<footer class="article-footer"><p class="byl-bio">Reach Maya Okafor: maya@harborgazette.example; X: @MayaOkafor</p></footer>
</article>
<aside class="top-stories"><h3>Top Stories</h3><ul><li><a href="{{base:harborgazette}}/local/article/muni-fares-21300001.php">Muni fares to rise in July</a></li><li><a href="{{base:harborgazette}}/sports/article/kings-rink-opens-21301234.php">Union Square ice rink finally opens</a></li></ul></aside>
</main>
<footer class="hdn-footer"><p>&copy; 2026 Hearthstone Media. All rights reserved.</p></footer>
</body></html>
