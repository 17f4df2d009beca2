using System.Text.Json;
using AgentConsole.Cli;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// The shipped triggers (the configured settings, MiniLM and the project's examples, through the README's
/// <c>evaluate</c> command) on sets written after the cross-domain work and never used to choose a phrase,
/// an example or a threshold: security incidents and ordinary questions that use their words; requests
/// for a person, direct and not, and messages that mention people without asking for one; complaints and
/// plain messages. Each test says how many must fire, at the counts the triggers reach on 2026-12-07, so a
/// change that loses recall or gains false alarms on messages nobody tuned for fails here.
/// </summary>
public sealed class WrittenProbeSetTests
{
    private static readonly string[] SecurityIncidents =
    [
        "there's a payment to some gaming site on my statement and I've never gambled in my life",
        "my wallet got nicked at the festival, cards were in it",
        "i think my kid's tablet was used to buy stuff with my saved card, no wait it wasnt him, he was at school",
        "someone is logged into my account from another country right now",
        "the app says my email address was changed yesterday but i never changed it",
        "I keep getting the verification codes texted to me and i'm not trying to log in",
        "bank letter says a new payee was added, that wasn't me",
        "can you freeze everything, i think i've been scammed",
        "I gave my one time code to a guy who said he was from your fraud team, was that you?",
        "there's a loan in my name that I never applied for",
        "how did someone know my policy number and date of birth when they rang me pretending to be you",
        "my laptop with the company vpn on it was stolen from my car",
        "i clicked a link in an email that looked like yours and typed my password in",
        "two withdrawals from a cash machine in a city i have never visited",
        "my husband says he didn't order this but somebody used my account to ship a tv to a different address",
        "i need all the personal data you hold about me under gdpr",
        "please erase my account and every bit of data you keep on me",
        "our lawyer will be contacting you about the leaked customer records",
        "someone changed the bank details for my refunds on my profile",
        "my phone was swiped at the bar and it has your app logged in",
        "there are emails in my sent folder i never wrote, offering cheap crypto",
        "I didn't authorise this direct debit, who set this up",
        "got an alert my password was reset, wasn't me, now i can't log in",
        "they took money out of my account while i was asleep",
        "i lost my bank card somewhere between home and work",
        "a claim was filed on my policy by someone i don't know",
        "somebody booked flights using my frequent flyer points, i never booked them",
        "my electricity account now shows a different name and address, I didnt move",
        "one of our admin accounts is sending weird invites to everyone in the workspace",
        "a stranger knew my account details when he called me",
        "is this you? text says my parcel is held, pay 1.99 customs fee via link",
        "we think a former employee still has access to our company account, please lock it",
        "there's a mobile contract taken out in my name, I never signed anything",
        "im being charged on a card i reported lost last week",
        "i want to know who has accessed my medical records in your system",
        "2fa was turned off on my account and I never did that",
        "your rep asked me to read out my full card number and pin on the phone, is that normal",
        "my account got hacked and they've emptied my points balance",
        "the police gave me a crime reference number, my handbag was stolen with my cards",
        "the insurance portal shows a payout went to an account that isnt mine",
        "i received a new card i never asked for, and now there's a charge on it",
        "some unknown device is paired with my account",
        "my son's identity was used to open an account with you",
        "please report this data breach, my details are on a list online with your company name",
        "can i get a copy of the recording of calls you made about me, I'm making a formal data request",
        "my sim stopped working suddenly and now my bank says someone logged in",
        "somebody used my name to rent a car with you and I've been sent the speeding fine",
        "unknown transfers between my savings and a new account I didn't open",
    ];

    private static readonly string[] NotSecurity =
    [
        "how do i change my password, i just want a stronger one",
        "where can I update the card that I pay with",
        "my card expired, when does the new one arrive",
        "what's the daily limit for cash withdrawals",
        "can I add my wife as a second driver to the policy",
        "how long does a refund take to show up",
        "is there a way to turn on two factor authentication",
        "I forgot my username, what email did I sign up with",
        "the login page keeps spinning and never loads",
        "how do I download my invoices for last year",
        "please cancel my subscription at the end of the month",
        "the payment failed but I have money in my account",
        "can you explain what the privacy settings in the app do",
        "I'd like to change the address on my account, I've moved",
        "the verification email never arrived when I signed up",
        "my new phone, how do i move the app over to it",
        "what documents do I need to make a claim for water damage",
        "i was charged twice for the same order",
        "how do I set up a standing order to my savings",
        "the wifi router keeps dropping the connection every evening",
        "how secure is your website for payments?",
        "i want to delete an old address from my saved addresses",
        "can I lock my card in the app myself if I ever lose it?",
        "where do I find the terms about how you use cookies",
    ];

    private static readonly string[] PersonRequests =
    [
        "is there a number I can ring to sort this out",
        "can somebody from your side give me a call this afternoon",
        "i'd rather speak to an actual human about this if that's ok",
        "pls connect me with ur staff",
        "who do i talk to about getting this fixed properly",
        "put me through to whoever handles complaints",
        "this bot is going round in circles, get me someone",
        "can I have the contact details of my account manager",
        "i want a callback from a supervisor today",
        "is anyone from the team available to chat",
        "Let me speak with somebody who knows what they're doing",
        "any way to reach a live agent",
        "transfer me to a real person",
        "need human help not automated answers",
        "could someone in billing look at this and call me back",
        "I'd like to escalate this to a manager",
        "what's the phone number for customer support",
        "i need to speak to someone urgently",
        "you're useless, get me a person",
        "can you pass this on to a colleague who can actually help",
    ];

    private static readonly string[] NotPersonRequests =
    [
        "i don't need to talk to anyone, just tell me the opening hours",
        "how do I add a team member to my workspace",
        "can my manager approve the expense in the app",
        "is the person who delivers my parcel able to leave it with a neighbour",
        "how many users can I have on the family plan",
        "i spoke to someone yesterday and it's sorted now, thanks",
        "my colleague said the update fixed it",
        "no need for a call back, the email was enough",
        "what does a supervisor account let me do in the admin panel",
        "can I change the phone number on my account",
        "how do I contact the seller of an item I bought through your marketplace",
        "do you have staff at the airport to help with wheelchairs",
    ];

    private static readonly string[] Complaints =
    [
        "thanks for nothing, seriously",
        "great, another email saying my order is delayed again",
        "this is the third time i've had to explain this",
        "i'm done with this company, moving to a competitor next week",
        "i will be posting about this experience on every review site i can find",
        "honestly the worst service i've had from any provider",
        "why is it so hard to get a simple refund",
        "i've been patient for two weeks and nothing has happened",
        "you people never answer the question I actually ask",
        "wonderful, the app crashed again in the middle of my payment",
        "i'm extremely disappointed with how this claim has been handled",
        "this is ridiculous, my internet has been down since monday",
        "fantastic, charged twice and nobody cares",
        "every single time I call I get a different answer",
        "if this isn't fixed by friday I'm cancelling",
        "absolutely fed up with the constant outages",
        "do you even read my messages?",
        "another week, another broken promise from you guys",
    ];

    private static readonly string[] NotComplaints =
    [
        "thanks, that sorted it",
        "how do I change my delivery address",
        "great, that worked perfectly",
        "can you tell me when my next bill is due",
        "the new update looks really nice",
        "I'd like to upgrade to the premium plan",
        "no worries, I'll try again tomorrow",
        "what time does the office open on saturday",
        "perfect, thanks for the quick help",
        "could you resend the confirmation email please",
    ];

    [Fact]
    public async Task SecurityIncidentsEscalateAsSecurityAndQuestionsAboutSecurityMostlyDoNot()
    {
        Assert.True(await FiredAsync(SecurityIncidents, "SecurityCompliance") >= 46, "security recall fell below 46 of 48");
        Assert.True(await FiredAsync(NotSecurity, "SecurityCompliance") <= 2, "more than 2 of 24 ordinary questions escalated as security");
    }

    [Fact]
    public async Task RequestsForAPersonAreHeardAndMentionsOfPeopleMostlyAreNot()
    {
        Assert.True(await FiredAsync(PersonRequests, "CustomerRequest") >= 18, "person-request recall fell below 18 of 20");
        Assert.True(await FiredAsync(NotPersonRequests, "CustomerRequest") <= 1, "more than 1 of 12 mentions of people was taken for a request");
    }

    [Fact]
    public async Task ComplaintsAreHeardAndPlainMessagesAreNot()
    {
        Assert.True(await FiredAsync(Complaints, "Sentiment") >= 14, "complaint recall fell below 14 of 18");
        Assert.Equal(0, await FiredAsync(NotComplaints, "Sentiment"));
    }

    [Fact]
    public void TheSetsDoNotOverlap()
    {
        string[][] sets = [SecurityIncidents, NotSecurity, PersonRequests, NotPersonRequests, Complaints, NotComplaints];
        var all = sets.SelectMany(s => s).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal([48, 24, 20, 12, 18, 10], sets.Select(s => s.Length));
    }

    /// <summary>How many of <paramref name="texts"/>, each a one-message conversation, escalate with a reason of <paramref name="reason"/>.</summary>
    private static async Task<int> FiredAsync(string[] texts, string reason)
    {
        var input = string.Join('\n', texts.Select((t, i) => JsonSerializer.Serialize(new { id = i.ToString(), text = t })));
        var stdout = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(["-"], new StringReader(input), stdout, new StringWriter(), embedder: SharedEmbedder.Instance);

        Assert.Equal(0, exit);
        var results = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(texts.Length, results.Count);
        return results.Count(r => r.GetProperty("reasons").EnumerateArray().Any(x => x.GetProperty("category").GetString() == reason));
    }
}
