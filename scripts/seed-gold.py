# Writes the two seeds into the suggester's development set, annotated by hand.
# A phrase may carry context: only its [bracketed] part is the span.
import re, sys
def wrap(text, spans):
    found = []
    for tag, ref, phrase, *nth in spans:
        nth = nth[0] if nth else 0
        pre, span, post = (re.match(r'(.*)\[(.*)\](.*)', phrase).groups() if '[' in phrase else ('', phrase, ''))
        ws = lambda p: r'\s*'.join(re.escape(w) for w in p.split()) if p.strip() else ''
        pat = '(' + ws(pre) + r'\s*)(' + ws(span) + r')(\s*' + ws(post) + ')'
        ms = list(re.finditer(pat, text))
        if len(ms) <= nth: sys.exit(f'not found: {phrase!r}')
        m = ms[nth]
        found.append((m.start(2), m.end(2), tag, ref))
    found.sort()
    for a, b in zip(found, found[1:]):
        if a[1] > b[0]: sys.exit(f'overlap: {text[a[0]:a[1]]!r} / {text[b[0]:b[1]]!r}')
    out, at = '', 0
    for s, e, tag, ref in found:
        out += text[at:s] + f'⟦{tag}:{ref}|{text[s:e]}⟧'
        at = e
    return out + text[at:]

story = [
 # Iraq's foreign ministry and the timeline

 ('s','S2',"[Iraq's foreign ministry] said"),
 ('c','C2',"Iraq's foreign ministry [said]"),
 ('s','S3','[The ministry] said the timeline'),
 ('c','C3','The ministry [said] the timeline'),
 ('q','S3:C3','[the timeline would be contingent on evaluating the "threat posed by IS and its danger" as well as the "reinforcement of the capacities of the Iraqi security forces"]'),
 # a senior US defence official
 ('s','S5','[A senior US defence official] said'),
 ('c','C5','A senior US defence official [said]'),
 # Albares
 ('s','S6','[Spanish Foreign Minister Jose Manuel Albares]'),
 ('q','S7:C7','"We are extremely worried by the constant attacks against international military bases,"'),
 ('c','C7','bases," [said] Albares'),
 ('s','S7','said [Albares], whose'),
 ('q','S8:C8','"We are here at the request of the government of Iraq and we will leave when the government of Iraq considers,"'),
 ('s','S8','considers," [Albares] added'),
 ('c','C8','considers," Albares [added]'),
 ('c','C9','[noting] that he seeks'),
 ('q','S8:C9','noting that [he seeks to "avoid a spillover effect of the crisis in Gaza"]'),
 # Sudani
 ('s','S10',"Spain's top diplomat, [Sudani] said"),
 ('c','C10',"Spain's top diplomat, Sudani [said]"),
 ('q','S10:C10','[IS "is no longer a danger for the Iraqi state, and our armed forces are capable of fully assuming the maintenance of security and stability"]'),
 ('s','S11','[A senior US military official] on Thursday'),
 ('c','C11','on Thursday [estimated]'),
 ('s','S12','[Prime Minister Mohamed Shia al-Sudani] calling'),
 ('c','C12','al-Sudani [calling on]'),
]

repost = open('../shared/seeds/000_20bfa71c295678a8.txt').read()
repost_spans = story + [
 ('q','S2:C2','[The two countries agreed to form working groups that would eventually lead to formulating "a specific and clear timeline... and to begin the gradual reduction of its (the coalition\'s) advisers on Iraqi soil"]'),
 ('q','S1:C1','[Washington and Baghdad will begin discussions expected to lead to a timeline to reduce the presence of troops from the US-led coalition fighting the Islamic State group], Iraq said'),
 ('s','S1','State group, [Iraq] said'),
 ('c','C1','State group, Iraq [said]'),
 ('c','C4','Lloyd Austin [confirmed]'),
 ('s','S4','statement, [US Secretary of Defense Lloyd Austin] confirmed'),
 ('q','S4:C4','confirmed [meetings "in the coming days" to discuss the "transition" of the coalition based on the outcomes of the Joint Security Cooperation Dialogue held between the two countries in August]'),
 ('q','S4b:C4b','[The meetings would "determine how the Coalition\'s military mission will evolve on a timeline" based on factors including the threat posed by IS, "operational and environmental requirements," and the capability levels of Iraq\'s security forces], the statement'),
 ('s','S4b','[the statement] said'),
 ('c','C4b','the statement [said]'),
 ('q','S5:C5','[the upcoming meetings would not negotiate the withdrawal of American forces from Iraq]'),
 ('c','C5b','but [acknowledged]'),
 ('q','S5:C5b','acknowledged ["a need to transition to a normal bilateral security cooperation relationship.]'),
 ('c','C6','Albares on Thursday [said]'),
 ('q','S6:C6','[the spate of attacks targeting US-led troops in Iraq "need to stop"]'),
 ('q','S11:C11','estimated [IS numbers at around 1,000 in Iraq and Syria, including a network of "facilitators, fighters and financiers" supporting the group]'),
 ('q','S12:C12','calling on [the coalition to leave the country]'),
 ('s','S13','[Sudani] added that'),
 ('c','C13','Sudani [added] that'),
 ('q','S13:C13','added that [he hopes to form "bilateral relations with all member countries" of the international coalition]'),
]
site = open('../shared/seeds/004_ef4a60158f06bac0.txt').read()
site_spans = story + [
 ('q','S2:C2','[Washington and Baghdad agreed to form working groups that would eventually lead to formulating "a specific and clear timeline... and to begin the gradual reduction of its (the coalition\'s) advisers on Iraqi soil"]'),
 ('s','S1','[The United States and Iraq] said Thursday'),
 ('c','C1','The United States and Iraq [said] Thursday'),
 ('q','S1:C1','said Thursday [they will begin discussions on the future of American and other foreign troops in the country]'),
 ('s','S4','[US Secretary of Defence Lloyd Austin] confirmed'),
 ('c','C4','Lloyd Austin [confirmed]'),
 ('q','S4:C4','confirmed [meetings would start "in the coming days"]'),
 ('c','C4c','days" and [said] the process'),
 ('q','S4:C4c','and said [the process will "enable the transition to an enduring bilateral security partnership between the United States and Iraq"]'),
 ('q','S4d:C4d','"The coalition\'s mission to defeat (IS) will transition on a timeline that considers three key factors: the threat from (IS), operational and environmental requirements, and the Iraqi security forces\' capability levels,"'),
 ('s','S4d','levels," [Austin] said'),
 ('c','C4d','levels," Austin [said]'),
 ('q','S5:C5','[the upcoming meetings would not be a negotiation on the withdrawal of American forces from Iraq]'),
 ('c','C5b','Iraq, but [said] Washington'),
 ('q','S5:C5b','but said [Washington "sees a need to transition to a normal bilateral security cooperation relationship"]'),
 ('s','S9','[Deputy Pentagon Press Secretary Sabrina Singh] told'),
 ('c','C9b','Sabrina Singh [told journalists]'),
 ('q','S9:C9b','journalists that [the US military footprint in Iraq "will certainly be part of the conversations as it goes forward"]'),
 ('q','S14:C14','[There was an attempted drone attack late Thursday on a base housing coalition troops in Iraqi Kurdistan, but the aircraft was shot down]'),
 ('s','S14',"[the autonomous region's anti-terrorism forces] said"),
 ('c','C14',"anti-terrorism forces [said]"),
 ('q','S15:C15','[Rockets were also fired at a gas complex in the Kurdistan region on Thursday]'),
 ('s','S15','[a local official and a security source] told'),
 ('c','C15','security source [told]'),
 ('c','C6','Albares [said] the spate'),
 ('q','S6:C6','[the spate of attacks targeting US-led troops in Iraq "need to stop"]'),
 ('q','S11:C11','estimated [IS numbers at around 1,000 in Iraq and Syria, including the group\'s "facilitators, fighters and financiers"]'),
 ('q','S12:C12','calling on [the coalition to withdraw from the country]'),
 # the related story in the site's chrome is text too
 ('s','S16','[Iraq] accused'),
 ('c','C16','Iraq [accused]'),
 ('q','S16:C16','accused [the United States of contributing to a "reckless escalation" of violence in the region]'),
 ('s','S17','[Pentagon chief Lloyd Austin] said US forces'),
 ('c','C17','Lloyd Austin [said] US forces'),
 ('q','S17:C17','Austin said [US forces had carried out "necessary and proportionate strikes"]'),
]
open('tests/suggest-dev/26-seed-repost.txt','w').write(wrap(repost, repost_spans))
open('tests/suggest-dev/27-seed-site.txt','w').write(wrap(site, site_spans))
